// Yearly records and eligibility rules as staff use them: a nominee's records (entered, imported, deleted —
// each audited), the rules an admin edits (audited, before and after), and the verdicts where decisions are
// made: a nomination's rules met or not with the records behind them, the reviewer's queue indicator, the
// exception reason a failing nominee needs to be sent, and "who is eligible for X this year" per unit.
// Every function takes the actor first and checks scope (lib/policy.ts); the judging is lib/eligibility-rule.ts.
import 'server-only';
import { and, asc, count, desc, eq, exists, inArray, isNotNull, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { getDb, transaction } from '@/db/client';
import type { DB } from '@/db/connection';
import { first } from '@/db/query';
import { memoUntilWrite } from '@/lib/memo';
import { awards, collectives, eligibilityRules, individuals, nominations, rounds, units, yearlyRecords, type NomineeKind, type RecordKind } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import {
  applicableRules,
  evaluateRule,
  explain,
  lastYearOf,
  parseConditions,
  RECORD_VALUES,
  SHORT_LABEL,
  unknownValues,
  type Rule,
  type Verdict,
  type YearRecord,
} from '@/lib/eligibility-rule';
import { readTable, FileError } from '@/lib/import-parse';
import { readStaged, stageFile } from '@/lib/import';
import { getNomination, nominationScope } from '@/lib/nominations';
import { recordsRefusal, rulesRefusal, type Actor } from '@/lib/policy';
import { unitPathUnder, unitsUnder } from '@/lib/scope';
import { clean, cleanLines, compareVi, fold, pageByName } from '@/lib/text';

type Reader = Pick<DB, 'select'>;
export type Nominee = { kind: NomineeKind; id: number };

/** Vietnamese labels of the record codes, as offices write them (the import reads these too). */
export const VI_VALUE_LABEL: Record<string, string> = {
  htxsnv: 'Hoàn thành xuất sắc nhiệm vụ',
  httnv: 'Hoàn thành tốt nhiệm vụ',
  htnv: 'Hoàn thành nhiệm vụ',
  khtnv: 'Không hoàn thành nhiệm vụ',
  ldtt: 'Lao động tiên tiến',
  cstt: 'Chiến sĩ tiên tiến',
  cstd_co_so: 'Chiến sĩ thi đua cơ sở',
  cstd_tinh: 'Chiến sĩ thi đua cấp tỉnh',
  cstd_toan_quoc: 'Chiến sĩ thi đua toàn quốc',
  ttldtt: 'Tập thể lao động tiên tiến',
  ttldxs: 'Tập thể lao động xuất sắc',
  co_thi_dua_tinh: 'Cờ thi đua cấp tỉnh',
  co_thi_dua_cp: 'Cờ thi đua của Chính phủ',
  co_so: 'Cơ sở',
  tinh: 'Cấp tỉnh',
  toan_quoc: 'Toàn quốc',
};
export const VI_KIND_LABEL: Record<RecordKind, string> = { rating: 'Xếp loại', title: 'Danh hiệu', initiative: 'Sáng kiến', award: 'Khen thưởng' };

// ---------------------------------------------------------------------------------------------
// Scope

async function nomineeUnitPath(db: Reader, n: Nominee): Promise<string | null> {
  if (!Number.isSafeInteger(n.id) || n.id <= 0) return null;
  const row =
    n.kind === 'individual'
      ? await first(db.select({ path: units.path }).from(individuals).innerJoin(units, eq(units.id, individuals.unitId)).where(eq(individuals.id, n.id)))
      : await first(db.select({ path: units.path }).from(collectives).innerJoin(units, eq(units.id, collectives.unitId)).where(eq(collectives.id, n.id)));
  return row?.path ?? null;
}

/** The nominee's unit path when the actor may `action` its records; not_found (or forbidden) otherwise. */
async function authorizeNominee(db: Reader, actor: Actor | null, n: Nominee, action: 'read' | 'write'): Promise<string> {
  const path = await nomineeUnitPath(db, n);
  if (path === null) throw new DomainError('not_found');
  const refusal = recordsRefusal(actor, action, path);
  if (refusal) throw new DomainError(refusal);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Records

export type RecordRow = YearRecord & { id: number | null; fromAward?: boolean };

const recordColumns = {
  id: yearlyRecords.id,
  year: yearlyRecords.year,
  kind: yearlyRecords.kind,
  value: yearlyRecords.value,
  sourceNumber: yearlyRecords.sourceNumber,
  sourceDate: yearlyRecords.sourceDate,
  note: yearlyRecords.note,
};

/** The nominees' entered records and the awards Vinh Danh already holds for them (not revoked), by nominee key. */
async function recordsOf(db: Reader, nominees: Nominee[]): Promise<Map<string, RecordRow[]>> {
  const out = new Map<string, RecordRow[]>();
  const ids = (kind: NomineeKind) => [...new Set(nominees.filter((n) => n.kind === kind).map((n) => n.id))];
  for (const kind of ['individual', 'collective'] as const) {
    const list = ids(kind);
    for (let i = 0; i < list.length; i += 500) await recordsInto(out, db, kind, list.slice(i, i + 500));
  }
  return out;
}

/** The records, and awards the registry knows, of the nominees of one kind whose ids are listed or selected. */
async function recordsInto(out: Map<string, RecordRow[]>, db: Reader, kind: NomineeKind, ids: number[] | SQLWrapper): Promise<void> {
  const push = (owner: number | null, r: RecordRow) => {
    const key = `${kind}:${owner}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  };
  const col = kind === 'individual' ? yearlyRecords.individualId : yearlyRecords.collectiveId;
  const rows = await db.select({ ...recordColumns, owner: col }).from(yearlyRecords).where(inArray(col, ids)).orderBy(asc(yearlyRecords.year), asc(yearlyRecords.id));
  for (const { owner, ...r } of rows) push(owner, r);
  const awardCol = kind === 'individual' ? awards.individualId : awards.collectiveId;
  const known = await db
    .select({ owner: awardCol, form: rounds.awardForm, number: rounds.decisionNumber, date: rounds.decisionDate })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(and(inArray(awardCol, ids), isNull(awards.revokedAt), isNotNull(rounds.decisionDate)));
  for (const a of known) push(a.owner, { id: null, fromAward: true, year: Number(a.date!.slice(0, 4)), kind: 'award', value: a.form, sourceNumber: a.number, sourceDate: a.date });
}

/** A nominee's records, oldest first (the awards Vinh Danh holds included, marked). */
export async function listRecords(actor: Actor | null, nominee: Nominee): Promise<RecordRow[]> {
  const db = getDb();
  await authorizeNominee(db, actor, nominee, 'read');
  return ((await recordsOf(db, [nominee])).get(`${nominee.kind}:${nominee.id}`) ?? []).sort((a, b) => a.year - b.year);
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

export const recordInputSchema = z
  .object({
    year: z.number().int().min(1945).max(2100),
    kind: z.enum(['rating', 'title', 'initiative', 'award']),
    value: z.string().trim().min(1).max(200),
    sourceNumber: z.string().trim().min(1).max(100),
    sourceDate: isoDate.nullable().optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind !== 'award' && !RECORD_VALUES[r.kind].includes(r.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'unknown value' });
  });
export type RecordInput = z.infer<typeof recordInputSchema>;

async function insertRecord(tx: DB, actor: Actor, nominee: Nominee, input: RecordInput, now: Date): Promise<number> {
  const value = input.kind === 'award' ? clean(input.value) : input.value;
  const row = {
    nomineeKind: nominee.kind,
    individualId: nominee.kind === 'individual' ? nominee.id : null,
    collectiveId: nominee.kind === 'collective' ? nominee.id : null,
    year: input.year,
    kind: input.kind,
    value,
    sourceNumber: clean(input.sourceNumber),
    sourceDate: input.sourceDate ?? null,
    note: input.note ? clean(input.note) : null,
    createdBy: actor.id,
    createdAt: now,
  };
  const same = await first(
    tx
      .select({ id: yearlyRecords.id })
      .from(yearlyRecords)
      .where(
        and(
          nominee.kind === 'individual' ? eq(yearlyRecords.individualId, nominee.id) : eq(yearlyRecords.collectiveId, nominee.id),
          eq(yearlyRecords.year, row.year),
          eq(yearlyRecords.kind, row.kind),
          eq(yearlyRecords.value, row.value),
          eq(yearlyRecords.sourceNumber, row.sourceNumber),
        ),
      ),
  );
  if (same) throw new DomainError('conflict', { field: 'sourceNumber' });
  const { id } = (await first(tx.insert(yearlyRecords).values(row).returning({ id: yearlyRecords.id })))!;
  const { createdAt: _c, createdBy: _b, ...after } = row;
  await appendAudit(tx, { actorId: actor.id, action: 'yearly_record.create', entityType: 'yearly_record', entityId: id, before: null, after, at: now });
  return id;
}

/** Records one year's rating, title, initiative or outside award for a nominee of the actor's subtree. */
export async function addRecord(actor: Actor | null, nominee: Nominee, input: RecordInput, now = new Date()): Promise<{ id: number }> {
  const parsed = recordInputSchema.safeParse(input);
  if (!parsed.success) throw new DomainError('invalid_input', { field: String(parsed.error.issues[0]?.path[0] ?? '') });
  return transaction(async (tx) => {
    await authorizeNominee(tx, actor, nominee, 'write');
    return { id: await insertRecord(tx, actor!, nominee, parsed.data, now) };
  });
}

/** Deletes a record entered by mistake (the audit keeps what it said). */
export async function deleteRecord(actor: Actor | null, id: number, now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    const row = Number.isSafeInteger(id) ? await first(tx.select().from(yearlyRecords).where(eq(yearlyRecords.id, id))) : undefined;
    if (!row) throw new DomainError('not_found');
    const nominee: Nominee = row.individualId ? { kind: 'individual', id: row.individualId } : { kind: 'collective', id: row.collectiveId! };
    await authorizeNominee(tx, actor, nominee, 'write');
    await tx.delete(yearlyRecords).where(eq(yearlyRecords.id, id));
    const { createdAt: _c, createdBy: _b, id: _id, ...before } = row;
    await appendAudit(tx, { actorId: actor!.id, action: 'yearly_record.delete', entityType: 'yearly_record', entityId: id, before, after: null, at: now });
  });
}

export type UnitRecordRow = { id: number; nominee: Nominee; name: string; unit: string; year: number; kind: RecordKind; value: string; sourceNumber: string; sourceDate: string | null };

/** The records of a unit's subtree, newest year first, a page at a time (for the records screen). */
/** Up to this many units in a subtree, its people are listed and their records found by key. */
const SUBTREE_LISTED = 500;

/**
 * The yearly records of the people of the subtree at `path`. A small subtree's people are listed first and their
 * records read by key; a large one's (a province, a nation: a million people) are not listed — each record's
 * person and unit are looked up by key instead (listing a nation's people took 2 s, records or none).
 */
async function recordsOfSubtree(path: string, listed = SUBTREE_LISTED): Promise<SQL> {
  const db = getDb();
  const large = (await db.select({ id: units.id }).from(units).where(unitPathUnder(path)).limit(listed + 1)).length > listed;
  if (large) {
    return or(
      exists(db.select({ one: sql`1` }).from(individuals).innerJoin(units, eq(units.id, individuals.unitId)).where(and(eq(individuals.id, yearlyRecords.individualId), unitPathUnder(path)))),
      exists(db.select({ one: sql`1` }).from(collectives).innerJoin(units, eq(units.id, collectives.unitId)).where(and(eq(collectives.id, yearlyRecords.collectiveId), unitPathUnder(path)))),
    )!;
  }
  const under = unitsUnder(path);
  return or(
    inArray(yearlyRecords.individualId, db.select({ id: individuals.id }).from(individuals).where(inArray(individuals.unitId, under))),
    inArray(yearlyRecords.collectiveId, db.select({ id: collectives.id }).from(collectives).where(inArray(collectives.unitId, under))),
  )!;
}

/** `subtreeListed`: how many units a subtree may have for its people to be listed (tests try both ways). */
export async function listUnitRecords(actor: Actor | null, unitId: number, opts: { year?: number; page?: number; pageSize?: number; subtreeListed?: number } = {}): Promise<{ items: UnitRecordRow[]; total: number; page: number; pageCount: number }> {
  const db = getDb();
  const unit = Number.isSafeInteger(unitId) ? await first(db.select({ path: units.path }).from(units).where(eq(units.id, unitId))) : undefined;
  if (!unit || recordsRefusal(actor, 'read', unit.path)) throw new DomainError('not_found');
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const page = Math.max(opts.page ?? 1, 1);
  const where = and(await recordsOfSubtree(unit.path, opts.subtreeListed), opts.year ? eq(yearlyRecords.year, opts.year) : undefined);
  const total = (await first(db.select({ n: count() }).from(yearlyRecords).where(where)))?.n ?? 0;
  const rows = await db
    .select({ ...recordColumns, individualId: yearlyRecords.individualId, collectiveId: yearlyRecords.collectiveId, person: individuals.fullName, group: collectives.name, unit: units.name })
    .from(yearlyRecords)
    .leftJoin(individuals, eq(individuals.id, yearlyRecords.individualId))
    .leftJoin(collectives, eq(collectives.id, yearlyRecords.collectiveId))
    .innerJoin(units, or(eq(units.id, individuals.unitId), eq(units.id, collectives.unitId)))
    .where(where)
    .orderBy(desc(yearlyRecords.year), asc(units.path), asc(individuals.nameFolded), asc(collectives.nameFolded), asc(yearlyRecords.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      nominee: r.individualId ? { kind: 'individual' as const, id: r.individualId } : { kind: 'collective' as const, id: r.collectiveId! },
      name: (r.person ?? r.group)!,
      unit: r.unit,
      year: r.year,
      kind: r.kind,
      value: r.value,
      sourceNumber: r.sourceNumber,
      sourceDate: r.sourceDate,
    })),
    total,
    page,
    pageCount: Math.ceil(total / pageSize),
  };
}

// ---------------------------------------------------------------------------------------------
// Import: a sheet of records, checked row by row (dry run), then written all or none.

export const RECORD_COLUMNS = [
  { key: 'nomineeKind', header: 'Loại', required: true },
  { key: 'name', header: 'Họ và tên / Tên tập thể', required: true },
  { key: 'unit', header: 'Đơn vị', required: true },
  { key: 'year', header: 'Năm', required: true },
  { key: 'kind', header: 'Loại bản ghi', required: true },
  { key: 'value', header: 'Nội dung', required: true },
  { key: 'sourceNumber', header: 'Số quyết định', required: true },
  { key: 'sourceDate', header: 'Ngày quyết định', required: false },
  { key: 'note', header: 'Ghi chú', required: false },
] as const;

export type RecordRowErrorCode = 'required' | 'bad_kind' | 'bad_year' | 'bad_record_kind' | 'bad_value' | 'bad_date' | 'unknown_unit' | 'unknown_nominee' | 'ambiguous_nominee' | 'duplicate_in_file' | 'already_recorded' | 'too_long';
export type RecordRowError = { row: number; column: string; code: RecordRowErrorCode; value: string };
export type RecordImportResult = { rows: number; errors: RecordRowError[]; fileError?: { code: string; columns?: string[] }; written: number; dryRun: boolean; token?: string };

const NOMINEE_KIND: Record<string, NomineeKind> = { 'ca nhan': 'individual', individual: 'individual', 'tap the': 'collective', collective: 'collective' };
const KIND_OF: Record<string, RecordKind> = Object.fromEntries(
  (Object.entries(VI_KIND_LABEL) as Array<[RecordKind, string]>).flatMap(([k, label]) => [[fold(label), k], [k, k]]),
);
/** A record value as written in a sheet: its code, its abbreviation (HTXSNV, LĐTT) or its full label. */
function valueCode(kind: RecordKind, text: string): string | null {
  if (kind === 'award') return clean(text) || null;
  const f = fold(text);
  for (const code of RECORD_VALUES[kind]) {
    if (f === code || f === fold(SHORT_LABEL[code] ?? '') || f === fold(VI_VALUE_LABEL[code] ?? '') || f === fold(`Sáng kiến ${VI_VALUE_LABEL[code] ?? ''}`)) return code;
  }
  return null;
}
/** "20/12/2023", "2023-12-20" → "2023-12-20". */
function dateOf(text: string): string | null {
  const m = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text;
  return isoDate.safeParse(iso).success ? iso : null;
}

type ParsedRecord = { row: number; nominee: Nominee; input: RecordInput };

async function checkRecordSheet(actor: Actor, bytes: Uint8Array): Promise<{ rows: number; errors: RecordRowError[]; parsed: ParsedRecord[]; fileError?: RecordImportResult['fileError'] }> {
  let table;
  try {
    table = await readTable(bytes);
  } catch (e) {
    if (e instanceof FileError) return { rows: 0, errors: [], parsed: [], fileError: { code: e.problem } };
    throw e;
  }
  const index = new Map(table.header.map((h, i) => [fold(h), i]));
  const missing = RECORD_COLUMNS.filter((c) => c.required && !index.has(fold(c.header))).map((c) => c.header);
  if (missing.length) return { rows: table.rows.length, errors: [], parsed: [], fileError: { code: 'missing_columns', columns: missing } };
  const known = new Set<string>(RECORD_COLUMNS.map((c) => fold(c.header)));
  const extra = table.header.filter((h) => h !== '' && !known.has(fold(h)));
  if (extra.length) return { rows: table.rows.length, errors: [], parsed: [], fileError: { code: 'extra_columns', columns: extra } };
  const db = getDb();
  // The units of the actor's subtree, by folded name and short name; people and collectives under them.
  const scoped = await db.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(inArray(units.id, unitsUnder(actor.unitPath)));
  const unitByName = new Map<string, number[]>();
  for (const u of scoped) for (const n of [u.name, u.shortName]) if (n) unitByName.set(fold(n), [...(unitByName.get(fold(n)) ?? []), u.id]);
  const people = await db.select({ id: individuals.id, folded: individuals.nameFolded, unitId: individuals.unitId }).from(individuals).where(and(inArray(individuals.unitId, unitsUnder(actor.unitPath)), isNull(individuals.mergedIntoId)));
  const groups = await db.select({ id: collectives.id, folded: collectives.nameFolded, unitId: collectives.unitId }).from(collectives).where(and(inArray(collectives.unitId, unitsUnder(actor.unitPath)), isNull(collectives.mergedIntoId)));
  const errors: RecordRowError[] = [];
  const parsed: ParsedRecord[] = [];
  const seen = new Set<string>();
  table.rows.forEach((cells, i) => {
    if (cells.every((c) => c === '')) return;
    const row = i + 2;
    const cell = (key: (typeof RECORD_COLUMNS)[number]['key']) => {
      const c = RECORD_COLUMNS.find((x) => x.key === key)!;
      const at = index.get(fold(c.header));
      return at === undefined ? '' : (cells[at] ?? '').normalize('NFC').trim();
    };
    const fail = (key: (typeof RECORD_COLUMNS)[number]['key'], code: RecordRowErrorCode) => errors.push({ row, column: RECORD_COLUMNS.find((x) => x.key === key)!.header, code, value: cell(key) });
    const before = errors.length;
    for (const c of RECORD_COLUMNS) if (c.required && !cell(c.key)) fail(c.key, 'required');
    if (errors.length > before) return;
    const nomineeKind = NOMINEE_KIND[fold(cell('nomineeKind'))];
    if (!nomineeKind) fail('nomineeKind', 'bad_kind');
    const year = /^\d{4}$/.test(cell('year')) ? Number(cell('year')) : NaN;
    if (!(year >= 1945 && year <= 2100)) fail('year', 'bad_year');
    const kind = KIND_OF[fold(cell('kind'))];
    if (!kind) fail('kind', 'bad_record_kind');
    const value = kind ? valueCode(kind, cell('value')) : null;
    if (kind && !value) fail('value', 'bad_value');
    if (value && value.length > 200) fail('value', 'too_long');
    if (cell('sourceNumber').length > 100) fail('sourceNumber', 'too_long');
    if (cell('note').length > 1000) fail('note', 'too_long');
    const sourceDate = cell('sourceDate') ? dateOf(cell('sourceDate')) : null;
    if (cell('sourceDate') && !sourceDate) fail('sourceDate', 'bad_date');
    const unitIds = unitByName.get(fold(cell('unit')));
    if (!unitIds) fail('unit', 'unknown_unit');
    if (errors.length > before || !nomineeKind || !unitIds || !kind || !value) return;
    const pool = nomineeKind === 'individual' ? people : groups;
    const matches = pool.filter((p) => unitIds.includes(p.unitId) && p.folded === fold(cell('name')));
    if (matches.length === 0) return void fail('name', 'unknown_nominee');
    if (matches.length > 1) return void fail('name', 'ambiguous_nominee');
    const nominee: Nominee = { kind: nomineeKind, id: matches[0].id };
    const input: RecordInput = { year, kind, value, sourceNumber: clean(cell('sourceNumber')), sourceDate, note: cell('note') || null };
    const key = `${nominee.kind}:${nominee.id}:${year}:${kind}:${value}:${input.sourceNumber}`;
    if (seen.has(key)) return void fail('name', 'duplicate_in_file');
    seen.add(key);
    parsed.push({ row, nominee, input });
  });
  // Rows the database already holds (the same decision stating the same thing) are refused by name.
  const existing = await recordsOf(db, parsed.map((p) => p.nominee));
  for (const p of parsed) {
    const mine = existing.get(`${p.nominee.kind}:${p.nominee.id}`) ?? [];
    if (mine.some((r) => r.id !== null && r.year === p.input.year && r.kind === p.input.kind && r.value === p.input.value && r.sourceNumber === p.input.sourceNumber)) {
      errors.push({ row: p.row, column: 'Số quyết định', code: 'already_recorded', value: p.input.sourceNumber });
    }
  }
  return { rows: table.rows.filter((r) => r.some((c) => c !== '')).length, errors: errors.sort((a, b) => a.row - b.row), parsed };
}

/** Checks a sheet of records (dry run) or writes it: every row, in one transaction with one audit event, or none. */
export async function importRecords(actor: Actor | null, bytes: Uint8Array, dryRun: boolean, now = new Date()): Promise<RecordImportResult> {
  if (!actor || (!actor.roles.includes('officer') && !actor.roles.includes('admin'))) throw new DomainError('forbidden');
  const sheet = await checkRecordSheet(actor, bytes);
  if (sheet.fileError || sheet.errors.length || dryRun) return { rows: sheet.rows, errors: sheet.errors, fileError: sheet.fileError, written: 0, dryRun };
  const written = await transaction(async (tx) => {
    for (const p of sheet.parsed) {
      await authorizeNominee(tx, actor, p.nominee, 'write');
      const row = {
        nomineeKind: p.nominee.kind,
        individualId: p.nominee.kind === 'individual' ? p.nominee.id : null,
        collectiveId: p.nominee.kind === 'collective' ? p.nominee.id : null,
        year: p.input.year,
        kind: p.input.kind,
        value: p.input.value,
        sourceNumber: p.input.sourceNumber,
        sourceDate: p.input.sourceDate ?? null,
        note: p.input.note ? clean(p.input.note) : null,
        createdBy: actor.id,
        createdAt: now,
      };
      await tx.insert(yearlyRecords).values(row);
    }
    await appendAudit(tx, { actorId: actor.id, action: 'yearly_record.import', entityType: 'import', entityId: null, before: null, after: { rows: sheet.parsed.length }, at: now });
    return sheet.parsed.length;
  });
  return { rows: sheet.rows, errors: [], written, dryRun: false };
}

type RecordsMeta = { kind: 'yearly_records' };

/** The dry run of the web flow: a clean file is kept for its user to confirm within the hour. */
export async function stageRecordImport(actor: Actor | null, bytes: Uint8Array): Promise<RecordImportResult> {
  const result = await importRecords(actor, bytes, true);
  if (result.fileError || result.errors.length) return result;
  return { ...result, token: stageFile<RecordsMeta>(actor!, bytes, { kind: 'yearly_records' }) };
}

export async function confirmRecordImport(actor: Actor | null, token: string): Promise<RecordImportResult> {
  const staged = readStaged<RecordsMeta>(actor, token);
  if (staged.meta.kind !== 'yearly_records') throw new DomainError('not_found');
  const result = await importRecords(actor, staged.bytes, false);
  staged.discard();
  return result;
}

/** The records template: the headers and example rows, CSV (UTF-8 with BOM, for Excel). */
export function recordsTemplateCsv(): string {
  const rows = [
    RECORD_COLUMNS.map((c) => c.header),
    ['Cá nhân', 'Trần Thị Hương', 'Phường Tân Phong', '2024', 'Xếp loại', 'HTXSNV', '12/QĐ-UBND', '20/12/2024', ''],
    ['Cá nhân', 'Trần Thị Hương', 'Phường Tân Phong', '2024', 'Sáng kiến', 'Cơ sở', '45/QĐ-HĐKH', '15/11/2024', 'Số hóa hồ sơ hộ tịch'],
    ['Tập thể', 'Ban điều hành Khu phố 2', 'Phường Tân Phong', '2024', 'Danh hiệu', 'Tập thể lao động tiên tiến', '13/QĐ-UBND', '20/12/2024', ''],
  ];
  const line = (cells: string[]) => cells.map((c) => (/[",;\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return '\uFEFF' + rows.map(line).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Rules

export type RuleRow = Rule & { conditionsText: string; valid: boolean; updatedAt: Date | null };

function ruleOf(r: typeof eligibilityRules.$inferSelect): RuleRow {
  const conditions = parseConditions(r.conditions);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    awardForm: r.awardForm,
    nomineeKind: r.nomineeKind,
    // A rule whose stored conditions no longer parse judges nothing (shown as invalid to the admin).
    conditions: conditions ?? { type: 'all', of: [] },
    conditionsText: r.conditions,
    valid: conditions !== null,
    legalBasis: r.legalBasis,
    source: r.source,
    verified: r.verified,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    active: r.active,
    updatedAt: r.updatedAt,
  };
}

async function allRules(db: Reader): Promise<RuleRow[]> {
  return (await db.select().from(eligibilityRules).orderBy(asc(eligibilityRules.code), asc(eligibilityRules.effectiveFrom))).map(ruleOf);
}

export async function listRules(actor: Actor | null): Promise<RuleRow[]> {
  if (rulesRefusal(actor, 'read')) throw new DomainError('forbidden');
  return allRules(getDb());
}

export async function getRule(actor: Actor | null, id: number): Promise<RuleRow> {
  if (rulesRefusal(actor, 'read')) throw new DomainError('forbidden');
  const row = Number.isSafeInteger(id) ? await first(getDb().select().from(eligibilityRules).where(eq(eligibilityRules.id, id))) : undefined;
  if (!row) throw new DomainError('not_found');
  return ruleOf(row);
}

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(3).max(300),
    awardForm: z.string().trim().min(2).max(200),
    conditions: z.string().trim().min(2).max(20_000),
    legalBasis: z.string().trim().min(3).max(4000),
    source: z.string().trim().max(4000),
    verified: z.boolean(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    active: z.boolean(),
  })
  .refine((r) => r.effectiveTo === null || r.effectiveFrom <= r.effectiveTo, { path: ['effectiveTo'] });
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** An admin's edit of a rule: validated (conditions as the engine's schema, known codes), written with its
 * before and after in one audited transaction. Overlapping versions of one code are refused. */
export async function updateRule(actor: Actor | null, id: number, input: RuleInput, now = new Date()): Promise<void> {
  const refusal = rulesRefusal(actor, 'edit');
  if (refusal) throw new DomainError(refusal);
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) throw new DomainError('invalid_input', { field: String(parsed.error.issues[0]?.path[0] ?? '') });
  const d = parsed.data;
  const conditions = parseConditions(d.conditions);
  if (!conditions || unknownValues(conditions).length) throw new DomainError('invalid_input', { field: 'conditions' });
  await transaction(async (tx) => {
    const before = Number.isSafeInteger(id) ? await first(tx.select().from(eligibilityRules).where(eq(eligibilityRules.id, id))) : undefined;
    if (!before) throw new DomainError('not_found');
    // Another version of the same rule in force on any of the same days: which one applies would be unclear.
    const siblings = await tx.select().from(eligibilityRules).where(and(eq(eligibilityRules.code, before.code)));
    const overlaps = siblings.some((s) => s.id !== id && s.effectiveFrom <= (d.effectiveTo ?? '9999-12-31') && d.effectiveFrom <= (s.effectiveTo ?? '9999-12-31'));
    if (overlaps) throw new DomainError('invalid_input', { field: 'effectiveFrom' });
    const after = {
      name: clean(d.name),
      awardForm: clean(d.awardForm),
      conditions: JSON.stringify(conditions),
      legalBasis: cleanLines(d.legalBasis),
      source: cleanLines(d.source),
      verified: d.verified,
      effectiveFrom: d.effectiveFrom,
      effectiveTo: d.effectiveTo,
      active: d.active,
    };
    await tx.update(eligibilityRules).set({ ...after, updatedBy: actor!.id, updatedAt: now }).where(eq(eligibilityRules.id, id));
    const was = { name: before.name, awardForm: before.awardForm, conditions: before.conditions, legalBasis: before.legalBasis, source: before.source, verified: before.verified, effectiveFrom: before.effectiveFrom, effectiveTo: before.effectiveTo, active: before.active };
    const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k as keyof typeof was])));
    if (!Object.keys(changed).length) return;
    const old = Object.fromEntries(Object.keys(changed).map((k) => [k, was[k as keyof typeof was]]));
    await appendAudit(tx, { actorId: actor!.id, action: 'eligibility_rule.edit', entityType: 'eligibility_rule', entityId: id, before: { code: before.code, ...old }, after: { code: before.code, ...changed }, at: now });
  });
}

/** The award forms the rules lead to (what "eligible for X" offers), sorted as Vietnamese readers expect. */
export async function ruleForms(actor: Actor | null): Promise<Array<{ awardForm: string; kinds: NomineeKind[] }>> {
  const rules = await listRules(actor);
  const byForm = new Map<string, Set<NomineeKind>>();
  for (const r of rules) if (r.active) byForm.set(r.awardForm, (byForm.get(r.awardForm) ?? new Set()).add(r.nomineeKind));
  return [...byForm].map(([awardForm, kinds]) => ({ awardForm, kinds: [...kinds] })).sort((a, b) => compareVi(a.awardForm, b.awardForm));
}

// ---------------------------------------------------------------------------------------------
// Verdicts

export type Eligibility = {
  /** The date whose rules apply (ISO) and the last year the round looks at. */
  asOf: string;
  lastYear: number;
  awardForm: string;
  verdicts: Verdict[];
  /** Every applicable rule met (true), one failed (false), or no rule for this form (null). */
  met: boolean | null;
  exception: string | null;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The date and last year a round is judged by: its window's opening (else its creation) and its period. */
function roundTerms(r: { windowOpensAt: Date | null; createdAt: Date; period: string }): { asOf: string; lastYear: number } {
  const at = r.windowOpensAt ?? r.createdAt;
  return { asOf: isoDay(at), lastYear: lastYearOf(r.period, at) };
}

function judge(rules: RuleRow[], kind: NomineeKind, awardForm: string, asOf: string, lastYear: number, records: YearRecord[]): { verdicts: Verdict[]; met: boolean | null } {
  const verdicts = applicableRules(rules.filter((r) => r.valid), kind, awardForm, asOf).map((r) => evaluateRule(r, records, lastYear));
  return { verdicts, met: verdicts.length ? verdicts.every((v) => v.met) : null };
}

type NominationTerms = { kind: NomineeKind; individualId: number | null; collectiveId: number | null; exception: string | null; awardForm: string; period: string; windowOpensAt: Date | null; createdAt: Date };

async function nominationTerms(db: Reader, ids: number[]): Promise<Map<number, NominationTerms>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: nominations.id,
      kind: nominations.nomineeKind,
      individualId: nominations.individualId,
      collectiveId: nominations.collectiveId,
      exception: nominations.eligibilityException,
      awardForm: rounds.awardForm,
      period: rounds.period,
      windowOpensAt: rounds.windowOpensAt,
      createdAt: rounds.createdAt,
    })
    .from(nominations)
    .innerJoin(rounds, eq(rounds.id, nominations.roundId))
    .where(inArray(nominations.id, ids));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

const nomineeOf = (t: Pick<NominationTerms, 'kind' | 'individualId' | 'collectiveId'>): Nominee => (t.kind === 'individual' ? { kind: 'individual', id: t.individualId! } : { kind: 'collective', id: t.collectiveId! });

/** Judges a nomination against its round's rules (no scope check: the caller has one). */
export async function judgeNomination(db: Reader, id: number): Promise<Eligibility | null> {
  const t = (await nominationTerms(db, [id])).get(id);
  if (!t) return null;
  const { asOf, lastYear } = roundTerms(t);
  const nominee = nomineeOf(t);
  const records = (await recordsOf(db, [nominee])).get(`${nominee.kind}:${nominee.id}`) ?? [];
  return { asOf, lastYear, awardForm: t.awardForm, exception: t.exception, ...judge(await allRules(db), t.kind, t.awardForm, asOf, lastYear, records) };
}

/** A nomination's eligibility for the staff who may see it (lib/nominations scopes the read). */
export async function nominationEligibility(actor: Actor | null, id: number): Promise<Eligibility> {
  await getNomination(actor, id);
  return (await judgeNomination(getDb(), id))!;
}

export type QueueMark = 'met' | 'failed' | 'exception' | 'none';

/** The reviewer's compact mark per nomination of a page: met, failed, sent as an exception, or no rule. */
export async function queueEligibility(actor: Actor | null, ids: number[]): Promise<Record<number, QueueMark>> {
  const scope = nominationScope(actor);
  if (scope === null || !ids.length) return {};
  const db = getDb();
  const visible = (await db.select({ id: nominations.id }).from(nominations).where(and(inArray(nominations.id, ids.slice(0, 200)), scope))).map((r) => r.id);
  const terms = await nominationTerms(db, visible);
  const records = await recordsOf(db, [...terms.values()].map(nomineeOf));
  // The rules change seldom: read once until the next write (they are read, never changed, below).
  const rules = await memoUntilWrite('eligibility-rules', () => allRules(db));
  const out: Record<number, QueueMark> = {};
  for (const [id, t] of terms) {
    const { asOf, lastYear } = roundTerms(t);
    const n = nomineeOf(t);
    const { met } = judge(rules, t.kind, t.awardForm, asOf, lastYear, records.get(`${n.kind}:${n.id}`) ?? []);
    out[id] = met === null ? 'none' : met ? 'met' : t.exception ? 'exception' : 'failed';
  }
  return out;
}

/**
 * Inside a submission's transaction: a nominee who fails a rule of the round's form is sent only with an
 * exception reason, which is stored on the nomination; one who meets them all clears any old reason.
 * Returns what the audit event records.
 */
export async function checkSubmission(tx: DB, id: number, reason: string | undefined): Promise<{ failedRules?: string[]; exceptionReason?: string }> {
  const e = await judgeNomination(tx, id);
  if (!e || e.met === null) return {};
  const failed = e.verdicts.filter((v) => !v.met);
  if (!failed.length) {
    await tx.update(nominations).set({ eligibilityException: null }).where(eq(nominations.id, id));
    return {};
  }
  const body = clean(reason ?? '');
  if (body.length < 10 || body.length > 2000) throw new DomainError('eligibility_exception', { field: 'exceptionReason', rules: failed.map((v) => v.rule.name).join('; ') });
  await tx.update(nominations).set({ eligibilityException: body }).where(eq(nominations.id, id));
  return { failedRules: failed.map((v) => v.rule.name), exceptionReason: body };
}

// ---------------------------------------------------------------------------------------------
// "Who is eligible for X this year", per unit

export type EligibleRow = { nominee: Nominee; name: string; unit: string; met: boolean; verdicts: Verdict[] };
type EligibleInput = { unitId: number; awardForm: string; kind: NomineeKind; lastYear?: number };
/** The unit's people judged (the eligible first), or none when it has more than can be judged at once (`tooMany`). */
type Judged = { awardForm: string; kind: NomineeKind; unitName: string; asOf: string; lastYear: number; rules: RuleRow[]; rows: EligibleRow[]; met: number; tooMany: boolean };
export type EligibleList = Omit<Judged, 'rows'> & {
  /** This page of the list (the names holding the words of `q`, when given). */
  rows: EligibleRow[];
  total: { people: number; matching: number };
  page: number;
  pageCount: number;
};

/** People judged at once: a district's registry (ten thousand) fits; a province or a nation chooses a unit below. */
export const ELIGIBLE_MAX = 20_000;
/** Rows of the list shown at once; the export has every row. */
export const ELIGIBLE_PAGE_SIZE = 100;

/** Every individual (or collective) of a unit's subtree judged for `awardForm`, the eligible first; none past `max`. */
async function judgeUnit(actor: Actor | null, input: EligibleInput, now: Date, max: number): Promise<Judged> {
  const db = getDb();
  const unit = Number.isSafeInteger(input.unitId) ? await first(db.select({ path: units.path, name: units.name }).from(units).where(eq(units.id, input.unitId))) : undefined;
  if (!unit || recordsRefusal(actor, 'read', unit.path)) throw new DomainError('not_found');
  const asOf = isoDay(now);
  const lastYear = input.lastYear && input.lastYear >= 1945 && input.lastYear <= 2100 ? input.lastYear : now.getUTCFullYear() - 1;
  const rules = applicableRules((await allRules(db)).filter((r) => r.valid), input.kind, input.awardForm, asOf);
  const head = { awardForm: input.awardForm, kind: input.kind, unitName: unit.name, asOf, lastYear, rules };
  const under = unitsUnder(unit.path);
  const table = input.kind === 'individual' ? individuals : collectives;
  const name = input.kind === 'individual' ? individuals.fullName : collectives.name;
  const who = and(inArray(table.unitId, under), isNull(table.mergedIntoId), eq(table.active, true));
  // Judging an arbitrary part of the unit would leave out people without saying who: all of them, or none. Whether
  // there are more than `max` is asked of the ids alone (a nation's root: 0.2 s to read 20,000 names and units).
  if (await first(db.select({ id: table.id }).from(table).where(who).limit(1).offset(max))) return { ...head, rows: [], met: 0, tooMany: true };
  const people = await db.select({ id: table.id, name, unit: units.name }).from(table).innerJoin(units, eq(units.id, table.unitId)).where(who);
  // The records of the whole subtree in two statements (a district's ten thousand ids are not sent back).
  const records = new Map<string, RecordRow[]>();
  await recordsInto(records, db, input.kind, db.select({ id: table.id }).from(table).where(who));
  const rows = people.map((p) => {
    const verdicts = rules.map((r) => evaluateRule(r, records.get(`${input.kind}:${p.id}`) ?? [], lastYear));
    return { nominee: { kind: input.kind, id: p.id }, name: p.name, unit: p.unit, met: verdicts.length > 0 && verdicts.every((v) => v.met), verdicts };
  });
  rows.sort((a, b) => Number(b.met) - Number(a.met) || compareVi(a.unit, b.unit) || compareVi(a.name, b.name));
  return { ...head, rows, met: rows.filter((r) => r.met).length, tooMany: false };
}

/**
 * "Who is eligible for X": a page of the unit's people judged, the eligible first, found by name (`q`, folded),
 * with the whole list's counts. `max`, `pageSize`: tests.
 */
export async function eligibleList(actor: Actor | null, input: EligibleInput & { q?: string; page?: number; pageSize?: number; max?: number }, now = new Date()): Promise<EligibleList> {
  const judged = await judgeUnit(actor, input, now, input.max ?? ELIGIBLE_MAX);
  const shown = pageByName(judged.rows, input.q, input.page, input.pageSize ?? ELIGIBLE_PAGE_SIZE);
  return { ...judged, rows: shown.items, total: { people: judged.rows.length, matching: shown.matching }, page: shown.page, pageCount: shown.pageCount };
}

/** The list as XLSX (text cells, never formulas), with each rule's records behind the verdict. */
export async function eligibleListXlsx(actor: Actor | null, input: EligibleInput, now = new Date()): Promise<Buffer> {
  const list = await judgeUnit(actor, input, now, ELIGIBLE_MAX);
  if (list.tooMany) throw new DomainError('invalid_input');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đủ điều kiện');
  ws.addRow([`Danh sách xét ${list.awardForm} — ${list.unitName} — các năm đến ${list.lastYear}`]).font = { bold: true };
  ws.addRow(list.rules.map((r) => `${r.name}: ${r.legalBasis}${r.verified ? '' : ' (cần đối chiếu)'}`).join(' | ') || 'Không có tiêu chuẩn nào áp dụng cho hình thức này.');
  ws.addRow([]);
  ws.addRow(['STT', list.kind === 'individual' ? 'Họ và tên' : 'Tên tập thể', 'Đơn vị', 'Đủ điều kiện', ...list.rules.map((r) => r.name)]).font = { bold: true };
  list.rows.forEach((r, i) => ws.addRow([i + 1, r.name, r.unit, r.met ? 'Đủ' : 'Chưa đủ', ...r.verdicts.map((v) => `${v.met ? 'Đạt' : 'Chưa đạt'}: ${explain(v.result)}`)]));
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 6 : i < 3 ? 30 : i === 3 ? 14 : 60));
  return Buffer.from(await wb.xlsx.writeBuffer());
}


/** The units whose records the actor may read (their subtree, active ones), in tree order, with their depth. */
export async function recordUnits(actor: Actor | null): Promise<Array<{ id: number; name: string; depth: number }>> {
  if (!actor || recordsRefusal(actor, 'read', actor.unitPath)) return [];
  return (await getDb().select({ id: units.id, name: units.name, path: units.path }).from(units).where(and(inArray(units.id, unitsUnder(actor.unitPath)), eq(units.active, true))).orderBy(asc(units.path)))
    .map((u) => ({ id: u.id, name: u.name, depth: u.path.split('/').filter(Boolean).length - actor.unitPath.split('/').filter(Boolean).length }));
}

/** The latest year any record of the unit's subtree states (capped at last year): the natural year to judge. */
export async function lastRecordedYear(actor: Actor | null, unitId: number, now = new Date()): Promise<number> {
  const fallback = now.getUTCFullYear() - 1;
  const db = getDb();
  const unit = Number.isSafeInteger(unitId) ? await first(db.select({ path: units.path }).from(units).where(eq(units.id, unitId))) : undefined;
  if (!unit || recordsRefusal(actor, 'read', unit.path)) return fallback;
  const row = await first(
    db
      .select({ year: yearlyRecords.year })
      .from(yearlyRecords)
      .where(await recordsOfSubtree(unit.path))
      .orderBy(desc(yearlyRecords.year))
      .limit(1),
  );
  return row ? Math.min(row.year, fallback) : fallback;
}
