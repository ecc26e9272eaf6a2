// Backup and restore through SQLite's online backup API: a backup is a consistent snapshot taken while
// the server keeps serving; a restore copies a checked backup into the live file page by page inside
// SQLite's own locking, so a running server sees either the old or the restored database, never a mix.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databasePath, migrateDatabase, MIGRATIONS_FOLDER, openDatabase } from './connection';

export type BackupResult = { file: string; bytes: number; ms: number };

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function defaultBackupFile(dir = path.join(process.env.DATABASE_URL?.startsWith('postgres') ? 'data' : path.dirname(databasePath()), 'backups'), now = new Date(), ext = '.db'): string {
  return path.join(dir, `vinhdanh-${stamp(now)}${ext}`);
}

/** Copies the live database at `source` into `dest` (which must not exist) and checks the copy. */
export async function backupDatabase(source: string, dest: string): Promise<BackupResult> {
  if (fs.existsSync(dest)) throw new Error(`${dest} already exists`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(dest);
  } finally {
    db.close();
  }
  // One self-contained file: no -wal/-shm beside it.
  const copy = new Database(dest);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const problems = checkBackup(dest);
  if (problems.length) throw new Error(`the copy failed its check: ${problems.join('; ')}`);
  return { file: dest, bytes: fs.statSync(dest).size, ms: performance.now() - started };
}

/** What is wrong with a backup file: empty when it is a sound Vinh Danh database this version can use. */
export function checkBackup(file: string): string[] {
  if (!fs.existsSync(file)) return [`${file} does not exist`];
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return [`not a SQLite database (${e instanceof Error ? e.message : e})`];
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    } catch (e) {
      return [`not a SQLite database (${e instanceof Error ? e.message : e})`];
    }
    if (integrity.join() !== 'ok') return [`integrity_check: ${integrity.slice(0, 5).join('; ')}`];
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    const missing = ['__drizzle_migrations', 'users', 'units', 'rounds', 'nominations', 'awards', 'audit_events'].filter((t) => !tables.has(t));
    if (missing.length) return [`not a Vinh Danh database (missing tables: ${missing.join(', ')})`];
    // A backup made by a newer version holds migrations this version does not know: refuse it.
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number }> };
    const newestKnown = Math.max(...journal.entries.map((e) => e.when));
    const newestApplied = (db.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at ?? 0;
    if (newestApplied > newestKnown) return ['made by a newer version of Vinh Danh (unknown migrations)'];
    return [];
  } finally {
    db.close();
  }
}

/**
 * Restores `backup` into the live database `target`: checks it, keeps a copy of the current database
 * beside the backups (returned as `previous`), copies the backup in, then applies any migrations the
 * backup predates.
 */
export async function restoreDatabase(backup: string, target: string): Promise<{ previous: string | null; ms: number }> {
  const problems = checkBackup(backup);
  if (problems.length) throw new Error(`refusing to restore ${backup}: ${problems.join('; ')}`);
  if (path.resolve(backup) === path.resolve(target)) throw new Error('the backup is the live database');
  const started = performance.now();
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = defaultBackupFile(path.join(path.dirname(target), 'backups')).replace(/\.db$/, '-before-restore.db');
    await backupDatabase(target, previous);
  }
  const src = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await src.backup(target);
  } finally {
    src.close();
  }
  const db = openDatabase(`file:${target}`);
  try {
    migrateDatabase(db);
    const integrity = db.$client.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`restored database failed integrity_check: ${integrity}`);
  } finally {
    db.$client.close();
  }
  return { previous, ms: performance.now() - started };
}
