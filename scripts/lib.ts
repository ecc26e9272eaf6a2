// Shared helpers of the command-line scripts: database preparation, build freshness, running Next.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { databasePath, migrateAppDatabase, openAppDatabase, withTransaction, type DB } from '@/db/connection';
import { ENGINE } from '@/db/engine';
import { syncPgIdentities, type PgDB } from '@/db/connection-pg';
import { users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { first, rows } from '@/db/query';
import { nameIndexMissing, rebuildNameIndex, rebuildSearchIndex, searchIndexMissing } from '@/lib/search-index';

export const DEMO_ACCOUNTS = [
  ['admin', 'quản trị Quận 7 / admin'],
  ['reviewer', 'thẩm định Quận 7 / reviewer'],
  ['approver', 'phê duyệt Quận 7 / approver'],
  ['officer', 'cán bộ Phường Tân Phong / officer'],
  ['officer2', 'cán bộ Phường Tân Hưng / officer'],
  // A ward of the district with its own decided round, partly proposed up to the district's round.
  ['tanphong.admin', 'quản trị Phường Tân Phong / admin (đề nghị lên cấp trên)'],
  // The second authority: the neighbouring ward's own office (sees nothing of the district's).
  ['tanmyloi.admin', 'quản trị Phường Tân Mỹ Lợi / admin'],
  ['tanmyloi.reviewer', 'thẩm định Phường Tân Mỹ Lợi / reviewer'],
  ['tanmyloi.approver', 'phê duyệt Phường Tân Mỹ Lợi / approver'],
  ['tanmyloi.officer', 'cán bộ Phường Tân Mỹ Lợi / officer'],
] as const;
export const DEMO_PASSWORD = 'vinhdanh-demo';

/** Migrates the database and, when it has no user at all, seeds the demo data. */
export async function prepareDatabase(opts: { fresh?: boolean; demo?: boolean } = {}): Promise<{ db: DB; seeded: boolean; hasDemo: boolean }> {
  if (ENGINE === 'sqlite') {
    const file = databasePath();
    if (opts.fresh && file !== ':memory:') {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  }
  const db = openAppDatabase();
  // On PostgreSQL --fresh-db empties the database's schema (the database itself is made once, by createdb).
  if (ENGINE === 'postgres' && opts.fresh) await (db as unknown as PgDB).$client.query('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public');
  await migrateAppDatabase(db);
  const empty = ((await first(db.select({ n: count() }).from(users)))?.n ?? 0) === 0;
  let seeded = false;
  if (empty && opts.demo !== false) seeded = (await seedDemo(db)).seeded;
  // The demo seed writes explicit ids: move PostgreSQL's identity sequences past them.
  if (seeded && ENGINE === 'postgres') await syncPgIdentities(db as unknown as PgDB);
  // A database from before the search index: index its published awards once.
  if (await searchIndexMissing(db)) await withTransaction(db, async (tx) => rebuildSearchIndex(tx));
  // One from before the name index (migration 0014): fill it from the search index.
  else if (await nameIndexMissing(db)) await withTransaction(db, async (tx) => rebuildNameIndex(tx));
  const hasDemo = (await rows(db, sql`SELECT 1 AS one FROM settings WHERE key = 'demo_seed'`)).length > 0;
  return { db, seeded, hasDemo };
}

const SOURCES = ['app', 'components', 'lib', 'db', 'messages', 'public', 'next.config.ts', 'proxy.ts', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs'];

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function buildIsStale(): boolean {
  let built: number;
  try {
    built = fs.statSync('.next/BUILD_ID').mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((s) => newestMtime(s) > built);
}

const NEXT_BIN = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

export function runNext(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], { stdio: 'inherit', env });
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
