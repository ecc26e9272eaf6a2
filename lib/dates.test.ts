import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './dates';

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
