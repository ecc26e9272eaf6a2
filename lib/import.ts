// Bulk import of individuals, collectives and nominations from the office's spreadsheets. A dry run
// reports every bad row (row number, column, reason code); a real run writes all rows in one
// transaction, or none when any row is bad, with one audit event.
import 'server-only';
import { isPostgresDb } from '@/db/engine';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rounds, units } from '@/db/tables';
import { DomainError } from '@/lib/errors';
import { writeRows, type CheckJob, type ImportJob, type ImportOutcome, type RowError, type Sheet, type UnitRef } from '@/lib/import-work';
import { inSubtree, roundInScope, type Actor } from '@/lib/policy';

export { ARCHIVE_COLUMNS, COLUMNS, IMPORT_KINDS, type Column, type ImportKind } from '@/lib/import-columns';
import { ARCHIVE_COLUMNS, COLUMNS, type Column, type ImportKind } from '@/lib/import-columns';
import { first } from '@/db/query';
export type { FileErrorCode, ParsedRow, RowError, RowErrorCode, Sheet } from '@/lib/import-work';

export type ImportResult = {
  kind: ImportKind;
  rows: number;
  errors: RowError[];
  fileError?: Sheet['fileError'];
  written: number;
  dryRun: boolean;
  ms: number;
};

// ---------------------------------------------------------------------------------------------
// The worker thread. Reading a 50,000-row workbook and writing it take seconds; done here they would
// stop every other request for that long. One worker (lib/import-worker.mjs) takes the jobs in turn;
// it holds the process open only while a job is pending, and is started again if it dies.

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextJob = 1;

function startWorker(): Worker {
  const w = new Worker(path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'import-worker.mjs'));
  w.unref();
  w.on('message', (m: { id?: number; result?: unknown; error?: { domain?: string; params?: Record<string, string | number>; message?: string } }) => {
    const job = m.id === undefined ? undefined : pending.get(m.id);
    if (!job) return;
    pending.delete(m.id!);
    if (pending.size === 0) w.unref();
    if (!m.error) job.resolve(m.result);
    else if (m.error.domain) job.reject(new DomainError(m.error.domain as DomainError['code'], m.error.params));
    else job.reject(new Error(`import worker: ${m.error.message}`));
  });
  const fail = (e: unknown) => {
    if (worker === w) worker = null;
    for (const job of pending.values()) job.reject(e);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`import worker exited (${code})`)));
  return w;
}

function inWorker<T>(op: 'check' | 'import', job: CheckJob | ImportJob): Promise<T> {
  worker ??= startWorker();
  const w = worker;
  const id = nextJob++;
  // A copy of exactly the file's bytes, handed over rather than copied again.
  const bytes = new Uint8Array(job.bytes);
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    w.ref();
    w.postMessage({ id, op, job: { ...job, bytes } }, [bytes.buffer]);
  });
}

/** Active units the actor may import into: all for an admin, their subtree for an officer. */
async function unitsInScope(actor: Actor): Promise<UnitRef[]> {
  return (await getDb()
    .select({ id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, path: units.path, active: units.active })
    .from(units))
    // Officers and admins alike: the units of their own subtree.
    .filter((u) => u.active && inSubtree(u.path, actor.unitPath))
    .map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, kind: u.kind }));
}

/**
 * Reads and checks a sheet of `columns` in the worker (the shared first half of every import): the file,
 * its headers, then each row — units by name within the actor's scope, gender, year, party, duplicates.
 * `kind` fixes the nominee kind, or null when a "Loại" column gives it per row.
 */
export async function parseSheet(actor: Actor, input: { columns: Column[]; kind: 'individual' | 'collective' | null; bytes: Uint8Array }, now = new Date()): Promise<Sheet> {
  return inWorker<Sheet>('check', { ...input, units: await unitsInScope(actor), now: now.getTime() });
}

/**
 * Imports a spreadsheet. Officers import into their subtree (nominations into an open round); admins anywhere.
 * The worker reads, checks and writes on its own connection (one IMMEDIATE transaction, all rows or none),
 * so this thread keeps answering requests meanwhile.
 */
export async function importSpreadsheet(
  actor: Actor | null,
  input: { kind: ImportKind; bytes: Uint8Array; roundSlug?: string; dryRun: boolean },
  now = new Date(),
): Promise<ImportResult> {
  const t0 = performance.now();
  if (!actor) throw new DomainError('forbidden');
  const admin = actor.roles.includes('admin');
  if (!admin && !actor.roles.includes('officer')) throw new DomainError('forbidden');
  const db = getDb();
  let roundId: number | null = null;
  if (input.kind === 'nominations') {
    const round = input.roundSlug
      ? (await first(db.select({ id: rounds.id, status: rounds.status, unitPath: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.slug, input.roundSlug))))
      : undefined;
    // Another authority's round reads as not found (an admin imports into their own office's rounds).
    if (!round || !(admin ? inSubtree(round.unitPath, actor.unitPath) : roundInScope(actor, round.unitPath))) throw new DomainError('not_found', { field: 'round' });
    if (round.status !== 'open') throw new DomainError('invalid_state');
    roundId = round.id;
  }
  const job: ImportJob = {
    columns: COLUMNS[input.kind],
    kind: input.kind === 'individuals' ? 'individual' : input.kind === 'collectives' ? 'collective' : null,
    bytes: input.bytes,
    units: await unitsInScope(actor),
    now: now.getTime(),
    actor,
    importKind: input.kind,
    roundId,
    roundSlug: input.roundSlug ?? null,
    dryRun: input.dryRun,
    dbFile: isPostgresDb(db) ? '' : db.$client.name,
  };
  let outcome: ImportOutcome;
  if (!isPostgresDb(db) && !db.$client.memory) outcome = await inWorker<ImportOutcome>('import', job);
  else {
    // An in-memory database has no file for a second connection, and PostgreSQL's driver does not block:
    // check in the worker (the CPU-bound part), write here.
    const sheet = await inWorker<Sheet>('check', job);
    const clean = !sheet.fileError && !sheet.errors.length;
    outcome = { rows: sheet.rows, errors: sheet.fileError ? [] : sheet.errors, fileError: sheet.fileError, written: clean && !input.dryRun ? await writeRows(db, job, sheet.parsed) : 0 };
  }
  return { kind: input.kind, dryRun: input.dryRun, ms: Math.round(performance.now() - t0), ...outcome };
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

/** How long a checked file waits for its confirmation. */
export const STAGED_FOR_MS = 3_600_000;

/** Deletes staged files older than the hour (run whenever a file is staged or taken). */
export function sweepStaged(now = Date.now()): number {
  const dir = stagingDir();
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!/^[a-f0-9]{32}\.(bin|json)$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STAGED_FOR_MS) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Taken or swept by another request meanwhile.
    }
  }
  return removed;
}

/** Keeps checked bytes (and what was checked with them) for their user to confirm within the hour. */
export function stageFile<M>(actor: Actor, bytes: Uint8Array, meta: M): string {
  const token = randomBytes(16).toString('hex');
  sweepStaged();
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
  sweepStaged();
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
  if (staged.userId !== actor.id || Date.now() - staged.at > STAGED_FOR_MS) throw new DomainError('not_found');
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
