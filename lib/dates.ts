// Calendar rules of the office: working days (Monday–Friday) in Vietnam's time zone.

/** Adds `days` working days (Monday–Friday) to `from`, ending at 23:59:59 Vietnam time. */
export function addWorkingDays(from: Date, days: number): Date {
  const d = new Date(from.getTime() + 7 * 3_600_000);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59) - 7 * 3_600_000);
}
