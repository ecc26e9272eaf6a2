// Decision dates are stored as YYYY-MM-DD. Vietnamese prints them the administrative way
// ("ngày 24 tháng 5 năm 2024", Decree 30/2020); other languages use their long date.
export function formatDecisionDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (locale === 'vi') return `ngày ${d} tháng ${m} năm ${y}`;
  const date = Date.UTC(y, m - 1, d);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return isoDate;
  }
}
