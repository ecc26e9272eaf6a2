// Backup and restore on PostgreSQL with its own tools (issue 16): `pg_dump --format=custom` takes a
// consistent snapshot while the servers keep serving (one repeatable-read transaction); `pg_restore`
// loads it into the database, which must be the empty one `createdb` makes (so a restore never mixes
// with live rows), and the newer migrations are applied after. Both tools come with the server's client
// package (Debian: postgresql-client); the URL is passed through PG* variables, never on the command line.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migratePgDatabase, openPgDatabase } from './connection-pg';

const run = promisify(execFile);

export type PgBackupResult = { file: string; bytes: number; ms: number; tables: number };

/** libpq's environment for a postgres:// URL (the password stays out of the process list). */
export function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGDATABASE: decodeURIComponent(u.pathname.slice(1)) };
  const host = u.searchParams.get('host') ?? u.hostname;
  if (host) env.PGHOST = host;
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  return env;
}

/** pg_dump of the whole database (schema, data, the migrations journal) into `dest`, then checked by listing it. */
export async function backupPgDatabase(url: string, dest: string): Promise<PgBackupResult> {
  if (fs.existsSync(dest)) throw new Error(`${dest} already exists`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const started = performance.now();
  const env = pgEnv(url);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', dest], { env });
  // The archive's table of contents must list the app's tables (a truncated file fails here).
  const { stdout } = await run('pg_restore', ['--list', dest], { env, maxBuffer: 64 * 2 ** 20 });
  const tables = stdout.split('\n').filter((l) => / TABLE DATA /.test(l)).length;
  if (!/ TABLE DATA public audit_events /.test(stdout)) throw new Error(`${dest} does not hold the audit trail: not a Vinh Danh backup`);
  return { file: dest, bytes: fs.statSync(dest).size, ms: performance.now() - started, tables };
}

/** pg_restore of `file` into the empty database at `url`, then the newer migrations. */
export async function restorePgDatabase(file: string, url: string): Promise<{ ms: number }> {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
    if (rows[0].n > 0) throw new Error('the database is not empty: restore into a new one (dropdb, createdb as in the README), so no live row mixes with the backup');
  } finally {
    await client.end();
  }
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', decodeURIComponent(new URL(url).pathname.slice(1)), file], { env: pgEnv(url) }).catch((e: { stderr?: string }) => {
    throw new Error(`pg_restore failed: ${(e.stderr ?? String(e)).trim().split('\n').slice(-3).join(' ')}`);
  });
  const db = openPgDatabase(url, { max: 1 });
  try {
    await migratePgDatabase(db);
  } finally {
    await db.$client.end();
  }
  return { ms: performance.now() - started };
}
