// The heavy half of an import, free of `server-only` and of the app's connection so that it runs in a
// worker thread (lib/import-worker.mjs): reading the file, checking every row, and writing all rows in one
// IMMEDIATE transaction with its audit event on the worker's own connection to the same database file.
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, withTransaction, type DB } from '@/db/connection';
import { collectives, individuals, nominations, rounds, units, type Gender, type UnitKind } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import type { Column, ImportKind } from '@/lib/import-columns';
import { FileError, readTable, type FileProblem } from '@/lib/import-parse';
import { createNominationRefusal, inSubtree, type Actor } from '@/lib/policy';
import { clean, fold } from '@/lib/text';
import { first } from '@/db/query';
import { isPostgresDb } from '@/db/engine';

export type RowErrorCode = 'required' | 'too_long' | 'bad_gender' | 'bad_year' | 'bad_yes_no' | 'unknown_unit' | 'bad_kind' | 'duplicate_in_file' | 'already_nominated';
export type RowError = { row: number; column: string; code: RowErrorCode; value: string };
export type FileErrorCode = FileProblem | 'missing_columns' | 'extra_columns';
export type ParsedRow = { row: number; name: string; unitId: number; unitKind: UnitKind; kind: 'individual' | 'collective'; gender: Gender | null; birthYear: number | null; position: string | null; party: boolean; summary: string };
export type Sheet = { rows: number; errors: RowError[]; parsed: ParsedRow[]; fileError?: { code: FileErrorCode; columns?: string[] } };

/** A unit the actor may import into (the caller has already applied the actor's scope). */
export type UnitRef = { id: number; name: string; shortName: string | null; kind: UnitKind };

export type CheckJob = { columns: Column[]; kind: 'individual' | 'collective' | null; bytes: Uint8Array; units: UnitRef[]; now: number };
export type WriteJob = { actor: Actor; importKind: ImportKind; roundId: number | null; roundSlug: string | null; now: number };
export type ImportJob = CheckJob & WriteJob & { dryRun: boolean; dbFile: string };

const GENDERS: Record<string, Gender> = { nam: 'male', male: 'male', m: 'male', nu: 'female', female: 'female', f: 'female', khac: 'other', other: 'other' };
const YES = new Set(['co', 'x', 'yes', 'y', '1', 'true', 'dang vien']);
const NO = new Set(['', 'khong', 'no', 'n', '0', 'false']);
const KINDS: Record<string, 'individual' | 'collective'> = { 'ca nhan': 'individual', individual: 'individual', 'tap the': 'collective', collective: 'collective' };

/**
 * Reads and checks a sheet of `columns` (the shared first half of every import): the file, its
 * headers, then each row — units by name among `units`, gender, year, party, duplicates.
 * `kind` fixes the nominee kind, or null when a "Loại" column gives it per row.
 */
export async function checkSheet(job: CheckJob): Promise<Sheet> {
  let table;
  try {
    table = await readTable(job.bytes);
  } catch (e) {
    if (e instanceof FileError) return { rows: 0, errors: [], parsed: [], fileError: { code: e.problem } };
    throw e;
  }
  const columns = job.columns;
  const headerIndex = new Map(table.header.map((h, i) => [fold(h), i]));
  const missing = columns.filter((c) => !headerIndex.has(fold(c.header))).map((c) => c.header);
  if (missing.length) return { rows: table.rows.length, errors: [], parsed: [], fileError: { code: 'missing_columns', columns: missing } };
  const known = new Set(columns.map((c) => fold(c.header)));
  const extra = table.header.filter((h) => h !== '' && !known.has(fold(h)));
  if (extra.length) return { rows: table.rows.length, errors: [], parsed: [], fileError: { code: 'extra_columns', columns: extra } };
  // Each column's cell index, found once (not per cell: 10,000 rows ask about ten columns each).
  const cellOf = new Map(columns.map((c) => [c.key, headerIndex.get(fold(c.header))!]));

  // Units by folded name (and short name); units outside `units` read as unknown.
  // A short name ("Khu phố 2") counts only when it names one unit in scope; full names always do.
  const unitByName = new Map<string, UnitRef>();
  const byShort = new Map<string, UnitRef[]>();
  for (const u of job.units) {
    unitByName.set(fold(u.name), u);
    if (u.shortName) byShort.set(fold(u.shortName), [...(byShort.get(fold(u.shortName)) ?? []), u]);
  }
  for (const [short, list] of byShort) if (list.length === 1 && !unitByName.has(short)) unitByName.set(short, list[0]);

  const errors: RowError[] = [];
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  const currentYear = new Date(job.now).getFullYear();
  let dataRows = 0;
  table.rows.forEach((cells, i) => {
    const row = i + 2; // spreadsheet row number: header is row 1
    if (cells.every((c) => c === '')) return;
    dataRows++;
    const get = (key: string) => {
      const cell = cellOf.get(key);
      return cell === undefined ? '' : (cells[cell] ?? '');
    };
    const fail = (key: string, code: RowErrorCode) => errors.push({ row, column: columns.find((c) => c.key === key)!.header, code, value: get(key).slice(0, 80) });
    const errorsBefore = errors.length;
    for (const c of columns) {
      const v = get(c.key);
      if (c.required && v === '') fail(c.key, 'required');
      else if (c.max && v.length > c.max) fail(c.key, 'too_long');
    }
    const kind = job.kind ?? KINDS[fold(get('kind'))];
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

/**
 * Writes checked rows in one IMMEDIATE transaction with one audit event: all of them or, when any is
 * refused (the round closed meanwhile, a nominee already nominated), none. Returns how many were written.
 */
export async function writeRows(db: DB, job: WriteJob, parsed: ParsedRow[]): Promise<number> {
  const { actor } = job;
  const admin = actor.roles.includes('admin');
  const now = new Date(job.now);
  return withTransaction(
    db,
    async (tx) => {
      // The round as it is now, inside the lock: it may have closed since the check.
      const round =
        job.roundId === null
          ? undefined
          : (await first(tx.select({ id: rounds.id, status: rounds.status, windowOpensAt: rounds.windowOpensAt, windowClosesAt: rounds.windowClosesAt, unitPath: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, job.roundId))));
      if (job.roundId !== null && round?.status !== 'open') throw new DomainError('invalid_state');
      let n = 0;
      const reuse = job.importKind === 'nominations';
      // Each statement built once and run per row with placeholders: 50,000 rows spend their time in
      // SQLite, not in building the same query 200,000 times.
      // On PostgreSQL a prepared statement is named (once per connection) and run with execute().
      const ph = sql.placeholder;
      const pg = isPostgresDb(tx);
      const prepared = <Row>(name: string, query: { prepare(name?: string): unknown }) => {
        const stmt = query.prepare(pg ? `import_${name}` : undefined) as { get?(p: object): Row | undefined; run?(p: object): unknown; execute?(p: object): Promise<Row[]> };
        return {
          get: async (params: object): Promise<Row | undefined> => (pg ? (await stmt.execute!(params))[0] : stmt.get!(params)),
          run: async (params: object): Promise<void> => void (pg ? await stmt.execute!(params) : stmt.run!(params)),
        };
      };
      const q = {
        person: prepared<{ id: number }>('person', tx.select({ id: individuals.id }).from(individuals).where(and(eq(individuals.unitId, ph('unitId')), eq(individuals.nameFolded, ph('folded'))))),
        group: prepared<{ id: number }>('group', tx.select({ id: collectives.id }).from(collectives).where(and(eq(collectives.unitId, ph('unitId')), eq(collectives.nameFolded, ph('folded'))))),
        addPerson: prepared<{ id: number }>('add_person', tx
          .insert(individuals)
          .values({ fullName: ph('name'), nameFolded: ph('folded'), gender: ph('gender'), birthYear: ph('birthYear'), position: ph('position'), unitId: ph('unitId'), partyMember: ph('party') })
          .returning({ id: individuals.id })),
        addGroup: prepared<{ id: number }>('add_group', tx.insert(collectives).values({ name: ph('name'), nameFolded: ph('folded'), unitId: ph('unitId'), kind: ph('kind') }).returning({ id: collectives.id })),
        unitPath: prepared<{ path: string }>('unit_path', tx.select({ path: units.path }).from(units).where(eq(units.id, ph('unitId')))),
        dupPerson: prepared<{ id: number }>('dup_person', tx.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, ph('roundId')), eq(nominations.individualId, ph('nomineeId'))))),
        dupGroup: prepared<{ id: number }>('dup_group', tx.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, ph('roundId')), eq(nominations.collectiveId, ph('nomineeId'))))),
        nominate: prepared<never>('nominate', tx
          .insert(nominations)
          .values({ roundId: ph('roundId'), nomineeKind: ph('kind'), individualId: ph('individualId'), collectiveId: ph('collectiveId'), unitId: ph('unitId'), summary: ph('summary'), status: 'draft', createdBy: actor.id, updatedAt: now })),
      };
      const paths = new Map<number, string>();
      for (const p of parsed) {
        let individualId: number | null = null;
        let collectiveId: number | null = null;
        const folded = fold(p.name);
        if (p.kind === 'individual') {
          const existing = reuse ? await q.person.get({ unitId: p.unitId, folded }) : undefined;
          individualId = existing?.id ?? (await q.addPerson.get({ name: p.name, folded, gender: p.gender, birthYear: p.birthYear, position: p.position, unitId: p.unitId, party: p.party }))!.id;
        } else {
          const existing = reuse ? await q.group.get({ unitId: p.unitId, folded }) : undefined;
          collectiveId = existing?.id ?? (await q.addGroup.get({ name: p.name, folded, unitId: p.unitId, kind: p.unitKind }))!.id;
        }
        if (round) {
          let path = paths.get(p.unitId);
          if (path === undefined) paths.set(p.unitId, (path = (await q.unitPath.get({ unitId: p.unitId }))!.path));
          // Only the round's unit's subtree may be nominated in it; an admin of the round's office needs no window.
          const refusal = !inSubtree(path, round.unitPath)
            ? 'forbidden'
            : admin
              ? null
              : createNominationRefusal(actor, { unitPath: path, roundUnitPath: round.unitPath, roundStatus: round.status, windowOpensAt: round.windowOpensAt, windowClosesAt: round.windowClosesAt }, now);
          if (refusal) throw new DomainError(refusal);
          const dup = individualId ? await q.dupPerson.get({ roundId: round.id, nomineeId: individualId }) : await q.dupGroup.get({ roundId: round.id, nomineeId: collectiveId! });
          if (dup) throw new DomainError('conflict', { row: p.row });
          await q.nominate.run({ roundId: round.id, kind: p.kind, individualId, collectiveId, unitId: p.unitId, summary: p.summary });
        }
        n++;
      }
      await appendAudit(tx, { actorId: actor.id, action: `import.${job.importKind}`, entityType: 'import', after: { rows: n, round: job.roundSlug } });
      return n;
    },
  );
}

let connection: { file: string; db: DB } | null = null;

/** The worker's own connection to `file` (kept between jobs; reopened when another file is asked for). */
function connect(file: string): DB {
  if (connection?.file !== file) {
    connection?.db.$client.close();
    connection = { file, db: openDatabase(`file:${file}`) };
  }
  return connection.db;
}

export type ImportOutcome = { rows: number; errors: RowError[]; fileError?: Sheet['fileError']; written: number };

/** A whole import as the worker runs it: check, and unless it is a dry run or a row is bad, write. */
export async function runImport(job: ImportJob): Promise<ImportOutcome> {
  const sheet = await checkSheet(job);
  if (sheet.fileError) return { rows: sheet.rows, errors: [], fileError: sheet.fileError, written: 0 };
  if (sheet.errors.length || job.dryRun) return { rows: sheet.rows, errors: sheet.errors, written: 0 };
  return { rows: sheet.rows, errors: [], written: await writeRows(connect(job.dbFile), job, sheet.parsed) };
}
