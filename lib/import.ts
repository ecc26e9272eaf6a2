// Bulk import of individuals, collectives and nominations from the office's spreadsheets. A dry run
// reports every bad row (row number, column, reason code); a real run writes all rows in one
// transaction, or none when any row is bad, with one audit event.
import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { collectives, individuals, nominations, rounds, units, type Gender, type UnitKind } from '@/db/schema';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { FileError, readTable, type FileProblem } from '@/lib/import-parse';
import { createNominationRefusal, inSubtree, roundInScope, type Actor } from '@/lib/policy';
import { clean, fold } from '@/lib/text';
import { write } from '@/lib/workflow';

export { ARCHIVE_COLUMNS, COLUMNS, IMPORT_KINDS, type Column, type ImportKind } from '@/lib/import-columns';
import { ARCHIVE_COLUMNS, COLUMNS, type Column, type ImportKind } from '@/lib/import-columns';

export type RowErrorCode = 'required' | 'too_long' | 'bad_gender' | 'bad_year' | 'bad_yes_no' | 'unknown_unit' | 'bad_kind' | 'duplicate_in_file' | 'already_nominated';
export type RowError = { row: number; column: string; code: RowErrorCode; value: string };
export type FileErrorCode = FileProblem | 'missing_columns' | 'extra_columns';
export type ImportResult = {
  kind: ImportKind;
  rows: number;
  errors: RowError[];
  fileError?: { code: FileErrorCode; columns?: string[] };
  written: number;
  dryRun: boolean;
  ms: number;
};

export type ParsedRow = { row: number; name: string; unitId: number; unitKind: UnitKind; kind: 'individual' | 'collective'; gender: Gender | null; birthYear: number | null; position: string | null; party: boolean; summary: string };

const GENDERS: Record<string, Gender> = { nam: 'male', male: 'male', m: 'male', nu: 'female', female: 'female', f: 'female', khac: 'other', other: 'other' };
const YES = new Set(['co', 'x', 'yes', 'y', '1', 'true', 'dang vien']);
const NO = new Set(['', 'khong', 'no', 'n', '0', 'false']);
const KINDS: Record<string, 'individual' | 'collective'> = { 'ca nhan': 'individual', individual: 'individual', 'tap the': 'collective', collective: 'collective' };

export type Sheet = { rows: number; errors: RowError[]; parsed: ParsedRow[]; fileError?: ImportResult['fileError'] };

/**
 * Reads and checks a sheet of `columns` (the shared first half of every import): the file, its
 * headers, then each row — units by name within the actor's scope, gender, year, party, duplicates.
 * `kind` fixes the nominee kind, or null when a "Loại" column gives it per row.
 */
export async function parseSheet(actor: Actor, input: { columns: Column[]; kind: 'individual' | 'collective' | null; bytes: Uint8Array }, now = new Date()): Promise<Sheet> {
  let table;
  try {
    table = await readTable(input.bytes);
  } catch (e) {
    if (e instanceof FileError) return { rows: 0, errors: [], parsed: [], fileError: { code: e.problem } };
    throw e;
  }
  const columns = input.columns;
  const headerIndex = new Map(table.header.map((h, i) => [fold(h), i]));
  const missing = columns.filter((c) => !headerIndex.has(fold(c.header))).map((c) => c.header);
  if (missing.length) return { rows: table.rows.length, errors: [], parsed: [], fileError: { code: 'missing_columns', columns: missing } };
  const known = new Set(columns.map((c) => fold(c.header)));
  const extra = table.header.filter((h) => h !== '' && !known.has(fold(h)));
  if (extra.length) return { rows: table.rows.length, errors: [], parsed: [], fileError: { code: 'extra_columns', columns: extra } };

  const db = getDb();
  // Units by folded name (and short name) within the actor's scope; others read as unknown.
  // A short name ("Khu phố 2") counts only when it names one unit in scope; full names always do.
  const unitByName = new Map<string, { id: number; kind: UnitKind; path: string }>();
  const byShort = new Map<string, Array<{ id: number; kind: UnitKind; path: string }>>();
  for (const u of db.select({ id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, path: units.path, active: units.active }).from(units).all()) {
    // Officers and admins alike: the units of their own subtree.
    if (!u.active || !inSubtree(u.path, actor.unitPath)) continue;
    unitByName.set(fold(u.name), u);
    if (u.shortName) byShort.set(fold(u.shortName), [...(byShort.get(fold(u.shortName)) ?? []), u]);
  }
  for (const [short, list] of byShort) if (list.length === 1 && !unitByName.has(short)) unitByName.set(short, list[0]);

  const errors: RowError[] = [];
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  const currentYear = now.getFullYear();
  let dataRows = 0;
  table.rows.forEach((cells, i) => {
    const row = i + 2; // spreadsheet row number: header is row 1
    if (cells.every((c) => c === '')) return;
    dataRows++;
    const get = (key: string) => {
      const col = columns.find((c) => c.key === key);
      return col ? (cells[headerIndex.get(fold(col.header))!] ?? '') : '';
    };
    const fail = (key: string, code: RowErrorCode) => errors.push({ row, column: columns.find((c) => c.key === key)!.header, code, value: get(key).slice(0, 80) });
    const errorsBefore = errors.length;
    for (const c of columns) {
      const v = get(c.key);
      if (c.required && v === '') fail(c.key, 'required');
      else if (c.max && v.length > c.max) fail(c.key, 'too_long');
    }
    const kind = input.kind ?? KINDS[fold(get('kind'))];
    if (!kind) fail('kind', 'bad_kind');
    const unit = unitByName.get(fold(get('unit')));
    if (get('unit') !== '' && !unit) fail('unit', 'unknown_unit');
    let gender: Gender | null = null;
    let birthYear: number | null = null;
    let party = false;
    if (kind === 'individual') {
      const g = fold(get('gender'));
      if (g !== '') {
        gender = GENDERS[g] ?? null;
        if (!gender) fail('gender', 'bad_gender');
      }
      const y = get('birthYear');
      if (y !== '') {
        birthYear = /^\d{4}$/.test(y) && Number(y) >= 1900 && Number(y) <= currentYear ? Number(y) : null;
        if (birthYear === null) fail('birthYear', 'bad_year');
      }
      const p = fold(get('party'));
      if (YES.has(p)) party = true;
      else if (!NO.has(p)) fail('party', 'bad_yes_no');
    }
    const ok = errors.length === errorsBefore;
    if (!ok || !unit || !kind) return;
    const name = clean(get('name'));
    const key = `${kind}|${fold(name)}|${unit.id}`;
    if (seen.has(key)) return void fail('name', 'duplicate_in_file');
    seen.set(key, row);
    parsed.push({ row, name, unitId: unit.id, unitKind: unit.kind, kind, gender, birthYear, position: get('position') ? clean(get('position')) : null, party, summary: clean(get('summary')) });
  });
  return { rows: dataRows, errors, parsed };
}

/** Imports a spreadsheet. Officers import into their subtree (nominations into an open round); admins anywhere. */
export async function importSpreadsheet(
  actor: Actor | null,
  input: { kind: ImportKind; bytes: Uint8Array; roundSlug?: string; dryRun: boolean },
  now = new Date(),
): Promise<ImportResult> {
  const t0 = performance.now();
  if (!actor) throw new DomainError('forbidden');
  const admin = actor.roles.includes('admin');
  if (!admin && !actor.roles.includes('officer')) throw new DomainError('forbidden');
  const done = (r: Omit<ImportResult, 'ms' | 'kind' | 'dryRun'>): ImportResult => ({ kind: input.kind, dryRun: input.dryRun, ms: Math.round(performance.now() - t0), ...r });

  let round: { id: number; status: (typeof rounds.$inferSelect)['status']; windowOpensAt: Date | null; windowClosesAt: Date | null; unitPath: string } | undefined;
  const sheet = await parseSheet(actor, { columns: COLUMNS[input.kind], kind: input.kind === 'individuals' ? 'individual' : input.kind === 'collectives' ? 'collective' : null, bytes: input.bytes }, now);
  if (sheet.fileError) return done({ rows: sheet.rows, errors: [], written: 0, fileError: sheet.fileError });
  const db = getDb();
  if (input.kind === 'nominations') {
    round = input.roundSlug
      ? db.select({ id: rounds.id, status: rounds.status, windowOpensAt: rounds.windowOpensAt, windowClosesAt: rounds.windowClosesAt, unitPath: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.slug, input.roundSlug)).get()
      : undefined;
    // Another authority's round reads as not found (an admin imports into their own office's rounds).
    if (!round || !(admin ? inSubtree(round.unitPath, actor.unitPath) : roundInScope(actor, round.unitPath))) throw new DomainError('not_found', { field: 'round' });
    if (round.status !== 'open') throw new DomainError('invalid_state');
  }
  const { errors, parsed, rows: dataRows } = sheet;

  if (errors.length || input.dryRun) return done({ rows: dataRows, errors, written: 0 });

  const written = write((tx) => {
    let n = 0;
    const findIndividual = tx.select({ id: individuals.id }).from(individuals);
    for (const p of parsed) {
      let individualId: number | null = null;
      let collectiveId: number | null = null;
      const reuse = input.kind === 'nominations';
      if (p.kind === 'individual') {
        const existing = reuse ? findIndividual.where(and(eq(individuals.nameFolded, fold(p.name)), eq(individuals.unitId, p.unitId))).get() : undefined;
        individualId = existing?.id ?? tx.insert(individuals).values({ fullName: p.name, nameFolded: fold(p.name), gender: p.gender, birthYear: p.birthYear, position: p.position, unitId: p.unitId, partyMember: p.party }).returning({ id: individuals.id }).get().id;
      } else {
        const existing = reuse ? tx.select({ id: collectives.id }).from(collectives).where(and(eq(collectives.nameFolded, fold(p.name)), eq(collectives.unitId, p.unitId))).get() : undefined;
        collectiveId = existing?.id ?? tx.insert(collectives).values({ name: p.name, nameFolded: fold(p.name), unitId: p.unitId, kind: p.unitKind }).returning({ id: collectives.id }).get().id;
      }
      if (round) {
        const path = tx.select({ path: units.path }).from(units).where(eq(units.id, p.unitId)).get()!.path;
        const refusal = !inSubtree(path, round.unitPath)
          ? 'forbidden'
          : admin
            ? null
            : createNominationRefusal(actor, { unitPath: path, roundUnitPath: round.unitPath, roundStatus: round.status, windowOpensAt: round.windowOpensAt, windowClosesAt: round.windowClosesAt }, now);
        if (refusal) throw new DomainError(refusal);
        const dup = tx
          .select({ id: nominations.id })
          .from(nominations)
          .where(and(eq(nominations.roundId, round.id), individualId ? eq(nominations.individualId, individualId) : eq(nominations.collectiveId, collectiveId!)))
          .get();
        if (dup) throw new DomainError('conflict', { row: p.row });
        tx.insert(nominations).values({ roundId: round.id, nomineeKind: p.kind, individualId, collectiveId, unitId: p.unitId, summary: p.summary, status: 'draft', createdBy: actor.id, updatedAt: now }).run();
      }
      n++;
    }
    appendAudit(tx, { actorId: actor.id, action: `import.${input.kind}`, entityType: 'import', after: { rows: n, round: input.roundSlug ?? null } });
    return n;
  });
  return done({ rows: dataRows, errors: [], written });
}

/** A template with the Vietnamese headers and one example row, as CSV (UTF-8 with BOM, for Excel). */
export function templateCsv(kind: ImportKind | 'archive'): string {
  const examples: Record<ImportKind | 'archive', string[]> = {
    archive: ['Cá nhân', 'Phạm Văn Lộc', 'Phường Tân Phong', 'Tổ trưởng tổ dân phố', 'Nam', '1968', 'Có', ''],
    individuals: ['Nguyễn Văn Minh', 'Nam', '1980', 'Tổ trưởng tổ dân phố', 'Phường Tân Phong', 'Có'],
    collectives: ['Ban điều hành Khu phố 2', 'Phường Tân Phong'],
    nominations: ['Cá nhân', 'Trần Thị Hương', 'Phường Tân Phong', 'Giáo viên', 'Nữ', '1985', 'Không', 'Tích cực học tập và làm theo Bác; nhiều năm liền là giáo viên dạy giỏi.'],
  };
  const line = (cells: string[]) => cells.map((c) => (/[",;\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  const columns = kind === 'archive' ? ARCHIVE_COLUMNS : COLUMNS[kind];
  return '\uFEFF' + [line(columns.map((c) => c.header)), line(examples[kind])].join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// The web flow keeps the checked file between the dry run and the confirmation, so the user does not
// upload it twice: it is stored under data/imports/<token>, bound to the user, kind and round.

function stagingDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.IMPORTS_DIR || 'data/imports');
}

type Staged<M> = { userId: number; at: number; meta: M };

/** Keeps checked bytes (and what was checked with them) for their user to confirm within the hour. */
export function stageFile<M>(actor: Actor, bytes: Uint8Array, meta: M): string {
  const token = randomBytes(16).toString('hex');
  const dir = stagingDir();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${token}.bin`), bytes, { mode: 0o600 });
  const staged: Staged<M> = { userId: actor.id, at: Date.now(), meta };
  fs.writeFileSync(path.join(dir, `${token}.json`), JSON.stringify(staged), { mode: 0o600 });
  return token;
}

/** The staged bytes and meta of `token`; only the user who checked them may take them, within the hour. */
export function readStaged<M>(actor: Actor | null, token: string): { bytes: Buffer; meta: M; discard: () => void } {
  if (!actor || !/^[a-f0-9]{32}$/.test(token)) throw new DomainError('not_found');
  const dir = stagingDir();
  const binFile = path.join(dir, `${token}.bin`);
  const metaFile = path.join(dir, `${token}.json`);
  let staged: Staged<M>;
  let bytes: Buffer;
  try {
    staged = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    bytes = fs.readFileSync(binFile);
  } catch {
    throw new DomainError('not_found');
  }
  if (staged.userId !== actor.id || Date.now() - staged.at > 3_600_000) throw new DomainError('not_found');
  const discard = () => {
    fs.rmSync(binFile, { force: true });
    fs.rmSync(metaFile, { force: true });
  };
  return { bytes, meta: staged.meta, discard };
}

type ImportMeta = { kind: ImportKind; roundSlug?: string };

export async function stageImport(actor: Actor | null, input: { kind: ImportKind; bytes: Uint8Array; roundSlug?: string }): Promise<ImportResult & { token?: string }> {
  const result = await importSpreadsheet(actor, { ...input, dryRun: true });
  if (result.fileError || result.errors.length) return result;
  return { ...result, token: stageFile<ImportMeta>(actor!, input.bytes, { kind: input.kind, roundSlug: input.roundSlug }) };
}

export async function confirmImport(actor: Actor | null, token: string): Promise<ImportResult> {
  const staged = readStaged<ImportMeta>(actor, token);
  const result = await importSpreadsheet(actor, { kind: staged.meta.kind, bytes: staged.bytes, roundSlug: staged.meta.roundSlug, dryRun: false });
  staged.discard();
  return result;
}
