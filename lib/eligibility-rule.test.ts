// The rule engine, edge by edge: consecutive years with a gap, a year with two ratings, records before a
// rule's effective date, rule versions in force, counts within a window, one achievement one award, and
// the explanation of the records behind each condition.
import { describe, expect, it } from 'vitest';
import {
  applicableRules,
  evaluateRule,
  explain,
  formCovers,
  lastYearOf,
  parseConditions,
  unknownValues,
  type Condition,
  type Rule,
  type YearRecord,
} from './eligibility-rule';

const rating = (year: number, value: string, sourceNumber: string | null = `${year}/QĐ-UBND`, sourceDate: string | null = `${year}-12-20`): YearRecord => ({ year, kind: 'rating', value, sourceNumber, sourceDate });
const title = (year: number, value: string): YearRecord => ({ year, kind: 'title', value, sourceNumber: `T${year}/QĐ-UBND`, sourceDate: null });
const initiative = (year: number, value = 'co_so'): YearRecord => ({ year, kind: 'initiative', value, sourceNumber: `SK${year}/QĐ-HĐSK`, sourceDate: null });
const award = (year: number, value: string): YearRecord => ({ year, kind: 'award', value, sourceNumber: `K${year}/QĐ-UBND`, sourceDate: null });

const BANG_KHEN: Condition = {
  type: 'all',
  of: [
    { type: 'consecutive', kind: 'rating', values: ['htxsnv'], years: 2 },
    { type: 'count', kind: 'initiative', values: ['co_so', 'tinh', 'toan_quoc'], min: 2, within: 2 },
  ],
};

const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 1,
  code: 'bang_khen_tinh_ca_nhan',
  name: 'Bằng khen của Chủ tịch UBND cấp tỉnh (cá nhân)',
  awardForm: 'Bằng khen của Chủ tịch UBND',
  nomineeKind: 'individual',
  conditions: BANG_KHEN,
  legalBasis: 'Luật Thi đua, khen thưởng 2022',
  source: 'thứ cấp',
  verified: false,
  effectiveFrom: '2024-01-01',
  effectiveTo: null,
  active: true,
  ...over,
});

describe('consecutive years', () => {
  const c: Condition = { type: 'consecutive', kind: 'rating', values: ['htxsnv'], years: 2 };
  const judge = (records: YearRecord[], last = 2024) => evaluateRule(rule({ conditions: c }), records, last);

  it('two years running ending with the last year: met', () => {
    expect(judge([rating(2023, 'htxsnv'), rating(2024, 'htxsnv')]).met).toBe(true);
  });

  it('a gap (no record for the last year) fails, and says which year is missing', () => {
    const v = judge([rating(2022, 'htxsnv'), rating(2023, 'htxsnv')]);
    expect(v.met).toBe(false);
    expect(v.result.type === 'consecutive' && v.result.years.map((y) => [y.year, y.ok])).toEqual([[2023, true], [2024, false]]);
    expect(explain(v.result)).toBe('2023: HTXSNV (QĐ 2023/QĐ-UBND ngày 20/12/2023); 2024: thiếu');
  });

  it('a gap in the middle breaks the run even with the years around it', () => {
    const c3: Condition = { type: 'consecutive', kind: 'title', values: ['cstd_co_so'], years: 3 };
    const v = evaluateRule(rule({ conditions: c3 }), [title(2022, 'cstd_co_so'), title(2024, 'cstd_co_so'), title(2021, 'cstd_co_so')], 2024);
    expect(v.met).toBe(false);
    expect(explain(v.result)).toBe('2022: CSTĐ cơ sở (QĐ T2022/QĐ-UBND); 2023: thiếu; 2024: CSTĐ cơ sở (QĐ T2024/QĐ-UBND)');
  });

  it('the run must end with the last year: older runs do not count', () => {
    expect(judge([rating(2020, 'htxsnv'), rating(2021, 'htxsnv'), rating(2024, 'htxsnv')]).met).toBe(false);
  });

  it('a lower rating in one year fails that year', () => {
    expect(judge([rating(2023, 'htxsnv'), rating(2024, 'httnv')]).met).toBe(false);
  });

  it('two different ratings in one year: the lower counts and the conflict is told', () => {
    const v = judge([rating(2023, 'htxsnv'), rating(2024, 'htxsnv'), rating(2024, 'httnv', '99/QĐ-UBND')]);
    expect(v.met).toBe(false);
    const year = v.result.type === 'consecutive' ? v.result.years[1] : null;
    expect(year).toMatchObject({ year: 2024, ok: false, conflict: true });
    expect(explain(v.result)).toContain('hai xếp loại khác nhau');
  });

  it('the same rating recorded twice in a year is no conflict', () => {
    const v = judge([rating(2023, 'htxsnv'), rating(2024, 'htxsnv'), rating(2024, 'htxsnv', 'bản sao')]);
    expect(v.met).toBe(true);
    expect(v.result.type === 'consecutive' && v.result.years[1].conflict).toBeFalsy();
  });

  it('a title year qualifies on any of its titles (LĐTT and CSTĐ cơ sở the same year)', () => {
    const c1: Condition = { type: 'consecutive', kind: 'title', values: ['cstd_co_so'], years: 1 };
    expect(evaluateRule(rule({ conditions: c1 }), [title(2024, 'ldtt'), title(2024, 'cstd_co_so')], 2024).met).toBe(true);
  });

  it('records of years before `sinceYear` are ignored', () => {
    const since: Condition = { type: 'consecutive', kind: 'rating', values: ['htxsnv'], years: 2, sinceYear: 2024 };
    const v = evaluateRule(rule({ conditions: since }), [rating(2023, 'htxsnv'), rating(2024, 'htxsnv')], 2024);
    expect(v.met).toBe(false);
    expect(explain(v.result)).toBe('2023: thiếu; 2024: HTXSNV (QĐ 2024/QĐ-UBND ngày 20/12/2024)');
  });

  it('records from before the rule took effect count by default (a chain spans the change of decree)', () => {
    const v = evaluateRule(rule({ effectiveFrom: '2025-07-01', conditions: c }), [rating(2023, 'htxsnv'), rating(2024, 'htxsnv')], 2024);
    expect(v.met).toBe(true);
  });
});

describe('counts within a window', () => {
  it('two initiatives within the two years: met; one: not met, with the window told', () => {
    const both = evaluateRule(rule(), [rating(2023, 'htxsnv'), rating(2024, 'htxsnv'), initiative(2023), initiative(2024, 'tinh')], 2024);
    expect(both.met).toBe(true);
    const one = evaluateRule(rule(), [rating(2023, 'htxsnv'), rating(2024, 'htxsnv'), initiative(2024)], 2024);
    expect(one.met).toBe(false);
    const count = one.result.type === 'all' ? one.result.parts[1] : null;
    expect(count && explain(count)).toBe('1/2 (2023–2024): 2024: Sáng kiến (cơ sở) (QĐ SK2024/QĐ-HĐSK)');
  });

  it('an initiative outside the window does not count', () => {
    const v = evaluateRule(rule(), [rating(2023, 'htxsnv'), rating(2024, 'htxsnv'), initiative(2022), initiative(2024)], 2024);
    expect(v.met).toBe(false);
  });

  it('two initiatives in the same year count twice', () => {
    const v = evaluateRule(rule(), [rating(2023, 'htxsnv'), rating(2024, 'htxsnv'), initiative(2024), { ...initiative(2024), sourceNumber: 'SK2/QĐ-HĐSK' }], 2024);
    expect(v.met).toBe(true);
  });

  it('only the scopes named count (an initiative with province-wide effect for CSTĐ cấp tỉnh)', () => {
    const c: Condition = { type: 'count', kind: 'initiative', values: ['tinh', 'toan_quoc'], min: 1, within: 3 };
    expect(evaluateRule(rule({ conditions: c }), [initiative(2023, 'co_so')], 2024).met).toBe(false);
    expect(evaluateRule(rule({ conditions: c }), [initiative(2022, 'tinh')], 2024).met).toBe(true);
  });
});

describe('one achievement, one award', () => {
  const c: Condition = { type: 'not_already_awarded', within: 2 };
  it('the same form in the period fails; another form or an older one does not', () => {
    expect(evaluateRule(rule({ conditions: c }), [award(2024, 'Bằng khen của Chủ tịch UBND Thành phố')], 2024).met).toBe(false);
    expect(evaluateRule(rule({ conditions: c }), [award(2024, 'Giấy khen của Chủ tịch UBND Quận 7')], 2024).met).toBe(true);
    expect(evaluateRule(rule({ conditions: c }), [award(2021, 'Bằng khen của Chủ tịch UBND Thành phố')], 2024).met).toBe(true);
  });
});

describe('any / all', () => {
  it('any: one part met is enough', () => {
    const c: Condition = { type: 'any', of: [{ type: 'consecutive', kind: 'rating', values: ['htxsnv'], years: 2 }, { type: 'consecutive', kind: 'title', values: ['cstd_co_so'], years: 1 }] };
    expect(evaluateRule(rule({ conditions: c }), [title(2024, 'cstd_co_so')], 2024).met).toBe(true);
    expect(evaluateRule(rule({ conditions: c }), [title(2024, 'ldtt')], 2024).met).toBe(false);
  });
});

describe('which rules apply', () => {
  const old = rule({ id: 1, effectiveFrom: '2024-01-01', effectiveTo: '2025-06-30' });
  const next = rule({ id: 2, effectiveFrom: '2025-07-01' });
  const inactive = rule({ id: 3, active: false });
  const collective = rule({ id: 4, nomineeKind: 'collective' });
  const all = [old, next, inactive, collective];

  it('the version in force on the date, of the nominee kind, whose form covers the round', () => {
    expect(applicableRules(all, 'individual', 'Bằng khen của Chủ tịch UBND Thành phố', '2025-03-01').map((r) => r.id)).toEqual([1]);
    expect(applicableRules(all, 'individual', 'Bằng khen của Chủ tịch UBND Thành phố', '2025-07-01').map((r) => r.id)).toEqual([2]);
    expect(applicableRules(all, 'individual', 'Bằng khen của Chủ tịch UBND Thành phố', '2023-12-31')).toEqual([]);
    expect(applicableRules(all, 'collective', 'bang khen cua chu tich ubnd', '2025-08-01').map((r) => r.id)).toEqual([4]);
    expect(applicableRules(all, 'individual', 'Giấy khen', '2025-08-01')).toEqual([]);
  });

  it('a form covers a longer form that begins with it, never a different word', () => {
    expect(formCovers('Bằng khen', 'Bằng khen của Chủ tịch UBND Thành phố')).toBe(true);
    expect(formCovers('Bằng khen', 'Bằng khenx')).toBe(false);
    expect(formCovers('', 'Giấy khen')).toBe(false);
  });

  it('the last year of a round: its period, else the year before it opens', () => {
    expect(lastYearOf('2021–2024', new Date('2025-03-01'))).toBe(2024);
    expect(lastYearOf('2024', new Date('2026-03-01'))).toBe(2024);
    expect(lastYearOf('năm học 2023-2024', new Date('2026-03-01'))).toBe(2024);
    expect(lastYearOf('', new Date('2025-03-01'))).toBe(2024);
  });
});

describe('conditions as data', () => {
  it('valid JSON conditions parse; bad ones are refused', () => {
    expect(parseConditions(JSON.stringify(BANG_KHEN))).toEqual(BANG_KHEN);
    expect(parseConditions('{')).toBeNull();
    expect(parseConditions(JSON.stringify({ type: 'consecutive', kind: 'rating', values: [], years: 2 }))).toBeNull();
    expect(parseConditions(JSON.stringify({ type: 'count', kind: 'rating', values: ['htxsnv'], min: 1 }))).toBeNull();
    expect(parseConditions(JSON.stringify({ type: 'all', of: [{ type: 'nope' }] }))).toBeNull();
  });

  it('unknown record codes are found', () => {
    expect(unknownValues({ type: 'all', of: [{ type: 'consecutive', kind: 'rating', values: ['htxsnv', 'xuat_sac'], years: 2 }] })).toEqual(['xuat_sac']);
    expect(unknownValues(BANG_KHEN)).toEqual([]);
  });
});
