// Eligibility rules, pure: a rule is data (conditions over a nominee's yearly records, the award form it
// leads to, its legal basis and the period it is in force), and a nominee's records are judged against it.
// No I/O; lib/eligibility.ts loads rules and records and calls this; lib/eligibility-rule.test.ts covers
// the edge cases (gaps, two ratings in one year, records before a rule's effective date, versions).
//
// Semantics (documented choices):
// - A round considers the years that end with its *last year* (the last year of the round's period, e.g.
//   "2021–2024" → 2024; otherwise the year before the round opens). `consecutive` asks for the N years
//   ending with that year, every one of them qualifying; a missing year is a gap and fails.
// - The rule that applies is the version in force on the evaluation date (effective_from ≤ date ≤
//   effective_to). It counts records of any year — titles earned under the previous decree still count in
//   a chain judged under the new one — unless a condition names `sinceYear`, before which records are ignored.
// - Two different ratings in one year are a conflict: the lower one counts (the cautious reading), and the
//   explanation says so, so the office can correct the record.
import { z } from 'zod';

export const RECORD_KINDS = ['rating', 'title', 'initiative', 'award'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Task ratings, best first (the order decides which of two conflicting ratings counts: the lower). */
export const RATINGS = ['htxsnv', 'httnv', 'htnv', 'khtnv'] as const;
/** Emulation titles of individuals and collectives. */
export const TITLES = ['ldtt', 'cstt', 'cstd_co_so', 'cstd_tinh', 'cstd_toan_quoc', 'ttldtt', 'ttldxs', 'co_thi_dua_tinh', 'co_thi_dua_cp'] as const;
/** Initiatives and research: the scope of their recognised effect. */
export const INITIATIVE_SCOPES = ['co_so', 'tinh', 'toan_quoc'] as const;
/** The codes each record kind takes; an `award` carries the award form's name as written on its decision. */
export const RECORD_VALUES: Record<Exclude<RecordKind, 'award'>, readonly string[]> = { rating: RATINGS, title: TITLES, initiative: INITIATIVE_SCOPES };

/** Short labels in Vietnamese, as offices abbreviate them (the UI has full labels per language). */
export const SHORT_LABEL: Record<string, string> = {
  htxsnv: 'HTXSNV',
  httnv: 'HTTNV',
  htnv: 'HTNV',
  khtnv: 'KHTNV',
  ldtt: 'LĐTT',
  cstt: 'CSTT',
  cstd_co_so: 'CSTĐ cơ sở',
  cstd_tinh: 'CSTĐ cấp tỉnh',
  cstd_toan_quoc: 'CSTĐ toàn quốc',
  ttldtt: 'TTLĐTT',
  ttldxs: 'TTLĐXS',
  co_thi_dua_tinh: 'Cờ thi đua cấp tỉnh',
  co_thi_dua_cp: 'Cờ thi đua của Chính phủ',
  co_so: 'Sáng kiến (cơ sở)',
  tinh: 'Sáng kiến (cấp tỉnh)',
  toan_quoc: 'Sáng kiến (toàn quốc)',
};

const year = z.number().int().min(1945).max(2100);
const valueList = z.array(z.string().min(1).max(200)).min(1).max(20);

export type Condition =
  | { type: 'consecutive'; kind: Exclude<RecordKind, 'award'>; values: string[]; years: number; sinceYear?: number }
  | { type: 'count'; kind: Exclude<RecordKind, 'award'>; values: string[]; min: number; within: number; sinceYear?: number }
  | { type: 'not_already_awarded'; forms?: string[]; within: number }
  | { type: 'all'; of: Condition[] }
  | { type: 'any'; of: Condition[] };

/** The conditions of a rule, as stored (JSON text) and as an admin edits them: validated here. */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('consecutive'), kind: z.enum(['rating', 'title', 'initiative']), values: valueList, years: z.number().int().min(1).max(10), sinceYear: year.optional() }).strict(),
    z.object({ type: z.literal('count'), kind: z.enum(['rating', 'title', 'initiative']), values: valueList, min: z.number().int().min(1).max(50), within: z.number().int().min(1).max(20), sinceYear: year.optional() }).strict(),
    z.object({ type: z.literal('not_already_awarded'), forms: valueList.optional(), within: z.number().int().min(1).max(20) }).strict(),
    z.object({ type: z.literal('all'), of: z.array(conditionSchema).min(1).max(20) }).strict(),
    z.object({ type: z.literal('any'), of: z.array(conditionSchema).min(1).max(20) }).strict(),
  ]),
);

/** Parses a rule's stored conditions; null when they are not valid JSON or not a valid condition. */
export function parseConditions(text: string): Condition | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = conditionSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The codes a condition's values may take (an `award` form is free text). Null when they are all known. */
export function unknownValues(c: Condition): string[] {
  switch (c.type) {
    case 'consecutive':
    case 'count':
      return c.values.filter((v) => !RECORD_VALUES[c.kind].includes(v));
    case 'not_already_awarded':
      return [];
    case 'all':
    case 'any':
      return c.of.flatMap(unknownValues);
  }
}

export type Rule = {
  id: number;
  code: string;
  name: string;
  awardForm: string;
  nomineeKind: 'individual' | 'collective';
  conditions: Condition;
  legalBasis: string;
  source: string;
  verified: boolean;
  /** ISO dates (YYYY-MM-DD); `effectiveTo` null: still in force. */
  effectiveFrom: string;
  effectiveTo: string | null;
  active: boolean;
};

/** One yearly record of a nominee, with its source decision. */
export type YearRecord = { year: number; kind: RecordKind; value: string; sourceNumber: string | null; sourceDate: string | null; note?: string | null };

/** A year as one condition saw it: the records behind it, and whether it qualified. */
export type YearLine = { year: number; ok: boolean; records: YearRecord[]; conflict?: boolean };

export type ConditionResult =
  | { type: 'consecutive'; met: boolean; condition: Extract<Condition, { type: 'consecutive' }>; years: YearLine[] }
  | { type: 'count'; met: boolean; condition: Extract<Condition, { type: 'count' }>; found: number; records: YearRecord[]; from: number; to: number }
  | { type: 'not_already_awarded'; met: boolean; condition: Extract<Condition, { type: 'not_already_awarded' }>; awards: YearRecord[]; from: number; to: number }
  | { type: 'all' | 'any'; met: boolean; parts: ConditionResult[] };

export type Verdict = { rule: Rule; met: boolean; result: ConditionResult };

/** Folded for comparing award forms: case, diacritics and đ ignored, spaces collapsed. */
export function foldForm(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A round's award form falls under a rule's when the rule's form begins it ("Bằng khen của Chủ tịch UBND"
 * covers "Bằng khen của Chủ tịch UBND Thành phố"). An empty rule form covers none. */
export function formCovers(ruleForm: string, roundForm: string): boolean {
  const r = foldForm(ruleForm);
  const f = foldForm(roundForm);
  return r !== '' && (f === r || f.startsWith(`${r} `));
}

/** The last year a round looks at: the last four-digit year of its period ("2021–2024" → 2024), otherwise
 * the year before `asOf` (a yearly round early in 2025 judges the years up to 2024). */
export function lastYearOf(period: string | null | undefined, asOf: Date): number {
  const years = (period ?? '').match(/(?<!\d)(19|20)\d{2}(?!\d)/g);
  if (years?.length) return Number(years[years.length - 1]);
  return asOf.getUTCFullYear() - 1;
}

/** Whether a rule version is in force on `date` (an ISO date). */
export function inForce(rule: Pick<Rule, 'effectiveFrom' | 'effectiveTo' | 'active'>, date: string): boolean {
  return rule.active && rule.effectiveFrom <= date && (rule.effectiveTo === null || date <= rule.effectiveTo);
}

/** The rules that judge a nominee of `kind` for `awardForm` on `date`: active, in force, whose form covers it. */
export function applicableRules<R extends Pick<Rule, 'effectiveFrom' | 'effectiveTo' | 'active' | 'awardForm' | 'nomineeKind'>>(
  rules: R[],
  kind: 'individual' | 'collective',
  awardForm: string,
  date: string,
): R[] {
  return rules.filter((r) => r.nomineeKind === kind && inForce(r, date) && formCovers(r.awardForm, awardForm));
}

const rank = (v: string) => {
  const i = (RATINGS as readonly string[]).indexOf(v);
  return i < 0 ? RATINGS.length : i;
};

/** The rating that counts for a year: the lower of conflicting ratings. */
function yearRating(records: YearRecord[]): { value: string | null; conflict: boolean } {
  const values = [...new Set(records.map((r) => r.value))];
  if (values.length === 0) return { value: null, conflict: false };
  const lowest = values.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  return { value: lowest, conflict: values.length > 1 };
}

/** Judges one condition against a nominee's records for a round whose last year is `lastYear`. */
export function evaluateCondition(c: Condition, records: YearRecord[], lastYear: number, ruleForm: string): ConditionResult {
  switch (c.type) {
    case 'consecutive': {
      const years: YearLine[] = [];
      for (let y = lastYear - c.years + 1; y <= lastYear; y++) {
        const mine = c.sinceYear !== undefined && y < c.sinceYear ? [] : records.filter((r) => r.year === y && r.kind === c.kind);
        if (c.kind === 'rating') {
          const { value, conflict } = yearRating(mine);
          years.push({ year: y, ok: value !== null && c.values.includes(value), records: mine, ...(conflict ? { conflict } : {}) });
        } else {
          const hits = mine.filter((r) => c.values.includes(r.value));
          years.push({ year: y, ok: hits.length > 0, records: hits.length ? hits : mine });
        }
      }
      return { type: 'consecutive', met: years.every((y) => y.ok), condition: c, years };
    }
    case 'count': {
      const from = Math.max(lastYear - c.within + 1, c.sinceYear ?? -Infinity);
      const hits = records.filter((r) => r.kind === c.kind && r.year >= from && r.year <= lastYear && c.values.includes(r.value)).sort((a, b) => a.year - b.year);
      return { type: 'count', met: hits.length >= c.min, condition: c, found: hits.length, records: hits, from, to: lastYear };
    }
    case 'not_already_awarded': {
      const from = lastYear - c.within + 1;
      const forms = c.forms?.length ? c.forms : [ruleForm];
      // The same form in the period (or decided the year after it, when awards for its last year are
      // decided): the achievement was already rewarded (one achievement, one award).
      const awards = records.filter((r) => r.kind === 'award' && r.year >= from && r.year <= lastYear + 1 && forms.some((f) => formCovers(f, r.value))).sort((a, b) => a.year - b.year);
      return { type: 'not_already_awarded', met: awards.length === 0, condition: c, awards, from, to: lastYear };
    }
    case 'all':
    case 'any': {
      const parts = c.of.map((p) => evaluateCondition(p, records, lastYear, ruleForm));
      return { type: c.type, met: c.type === 'all' ? parts.every((p) => p.met) : parts.some((p) => p.met), parts };
    }
  }
}

export function evaluateRule(rule: Rule, records: YearRecord[], lastYear: number): Verdict {
  const result = evaluateCondition(rule.conditions, records, lastYear, rule.awardForm);
  return { rule, met: result.met, result };
}

/** "QĐ 12/QĐ-UBND ngày 20/12/2023", or "" without a source. */
export function sourceText(r: Pick<YearRecord, 'sourceNumber' | 'sourceDate'>, dayWord = 'ngày'): string {
  if (!r.sourceNumber) return '';
  const d = r.sourceDate && /^\d{4}-\d{2}-\d{2}$/.test(r.sourceDate) ? ` ${dayWord} ${r.sourceDate.slice(8, 10)}/${r.sourceDate.slice(5, 7)}/${r.sourceDate.slice(0, 4)}` : '';
  return `QĐ ${r.sourceNumber}${d}`;
}

const recordText = (r: YearRecord, label: (v: string) => string) => {
  const src = sourceText(r);
  return `${label(r.value)}${src ? ` (${src})` : ''}`;
};

/**
 * The records behind a condition, one line, in Vietnamese: "2023: HTXSNV (QĐ 12/QĐ-UBND ngày 20/12/2023);
 * 2024: thiếu". The staff pages render the same structure in the user's language; this is for exports.
 */
export function explain(r: ConditionResult, label: (v: string) => string = (v) => SHORT_LABEL[v] ?? v): string {
  switch (r.type) {
    case 'consecutive':
      return r.years
        .map((y) => `${y.year}: ${y.records.length ? y.records.map((x) => recordText(x, label)).join(', ') : 'thiếu'}${y.conflict ? ' (hai xếp loại khác nhau: tính mức thấp hơn)' : ''}`)
        .join('; ');
    case 'count':
      return `${r.found}/${r.condition.min} (${r.from}–${r.to})${r.records.length ? `: ${r.records.map((x) => `${x.year}: ${recordText(x, label)}`).join('; ')}` : ''}`;
    case 'not_already_awarded':
      return r.awards.length ? r.awards.map((x) => `${x.year}: ${x.value}${x.sourceNumber ? ` (${sourceText(x)})` : ''}`).join('; ') : `không (${r.from}–${r.to})`;
    case 'all':
    case 'any':
      return r.parts.map((p) => explain(p, label)).join(r.type === 'all' ? ' | ' : ' / ');
  }
}
