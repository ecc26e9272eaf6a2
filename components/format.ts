// Date helpers shared by pages: decision dates are stored as YYYY-MM-DD in Vietnam's time zone.
export function decisionDateValue(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+07:00`);
}
