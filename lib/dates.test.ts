import { describe, expect, it } from 'vitest';
import { addWorkingDays, daysLeft, formatDate, isFutureDate, vietnameseDate } from './dates';

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-20T03:00:00Z', 1, '2026-11-23'], // Friday + 1 → Monday
    ['2026-11-23T03:00:00Z', 5, '2026-11-30'], // Monday + 5 → next Monday
    ['2026-11-25T03:00:00Z', 10, '2026-12-09'],
  ])('%s + %i working days ends on %s (23:59:59 in Vietnam)', (from, days, day) => {
    const end = addWorkingDays(new Date(from), days);
    expect(end.toISOString()).toBe(new Date(`${day}T23:59:59+07:00`).toISOString());
  });
});

describe('dates on staff screens and documents', () => {
  const at = new Date('2026-12-01T03:04:00Z'); // 1 December 2026, 10:04 in Vietnam

  it('prints one format per language, in Vietnam time', () => {
    expect(formatDate(at, 'vi')).toBe('01/12/2026');
    expect(formatDate(at, 'vi', { time: true })).toBe('01/12/2026 10:04');
    expect(formatDate('2030-01-01', 'vi')).toBe('01/01/2030');
    expect(formatDate(at, 'en')).toBe('1 Dec 2026');
    expect(formatDate(at, 'ko')).toBe('2026. 12. 01.');
    // 23:30 UTC is already the next day in Vietnam.
    expect(formatDate(new Date('2026-12-01T23:30:00Z'), 'vi')).toBe('02/12/2026');
    expect(formatDate(null, 'vi')).toBe('');
  });

  it('writes document dates per Decree 30, with the place first', () => {
    expect(vietnameseDate('2026-01-01', 'Quận 7')).toBe('Quận 7, ngày 01 tháng 01 năm 2026');
    expect(vietnameseDate('2024-05-24')).toBe('ngày 24 tháng 5 năm 2024');
    expect(vietnameseDate('2024-02-03')).toBe('ngày 03 tháng 02 năm 2024');
    expect(vietnameseDate('2024-11-09')).toBe('ngày 09 tháng 11 năm 2024');
  });

  it('knows a date still to come and the days left to a deadline', () => {
    expect(isFutureDate('2026-12-02', at)).toBe(true);
    expect(isFutureDate('2026-12-01', at)).toBe(false);
    expect(daysLeft(new Date('2026-12-10T16:59:59Z'), at)).toBe(9);
    expect(daysLeft(new Date('2026-11-29T16:59:59Z'), at)).toBe(-2);
  });
});
