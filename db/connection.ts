// Opens the SQLite database with the pragmas Vinh Danh relies on. Free of `server-only` so the
// start, seed and bench scripts can use it; the app reaches the database through db/client.ts.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { engineOf, isPostgresDb } from './engine';
import { migratePgDatabase, openPgDatabase, type PgDB } from './connection-pg';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_URL = 'file:data/vinhdanh.db';

/** `file:data/x.db` or a plain path → absolute file path (relative to the working directory). */
export function databasePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  const p = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (p === ':memory:') return p;
  return path.resolve(p);
}

export function openDatabase(url?: string): DB {
  const file = databasePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -32768');
  return drizzle(sqlite, { schema }) as DB;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/**
 * Applies the pending migrations. A migration that adds a CHECK rebuilds its table (create, copy, drop,
 * rename), and dropping a table others point at fails while foreign keys are on — SQLite's own procedure
 * turns them off around such a change, which cannot happen inside the migrator's transaction (the
 * PRAGMA is a no-op there), so it happens here; the migration itself refuses to commit when
 * `pragma_foreign_key_check` finds a broken reference.
 */
export function migrateDatabase(db: DB): void {
  db.$client.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    db.$client.pragma('foreign_keys = ON');
  }
}

/**
 * The database DATABASE_URL names, on its engine: SQLite (better-sqlite3) or PostgreSQL (node-postgres).
 * Typed as the SQLite database either way: lib/ is written once against the query builder both share
 * (db/tables.ts hands out the engine's tables), and what differs goes through db/query.ts.
 * `pool`: on PostgreSQL, the most connections opened through it (default 10); SQLite has one connection.
 */
export function openAppDatabase(url: string | undefined = process.env.DATABASE_URL, { pool }: { pool?: number } = {}): DB {
  if (engineOf(url) === 'postgres') return openPgDatabase(url!, pool ? { max: pool } : {}) as unknown as DB;
  return openDatabase(url);
}

/** Applies the pending migrations of the database's engine. */
export async function migrateAppDatabase(db: DB): Promise<void> {
  if (isPostgresDb(db)) await migratePgDatabase(db as unknown as PgDB);
  else migrateDatabase(db);
}

/** Closes the connection (SQLite) or the pool (PostgreSQL). */
export async function closeDatabase(db: DB): Promise<void> {
  if (isPostgresDb(db)) await (db as unknown as PgDB).$client.end();
  else db.$client.close();
}

/**
 * The key of the one PostgreSQL advisory lock every write transaction takes first: writers run one at a
 * time across all processes, as SQLite's BEGIN IMMEDIATE makes them. Read Committed then gives each
 * statement a snapshot taken after the previous writer committed, so check-then-write (quotas, the
 * sign-off freeze, the audit hash chain's last hash) cannot interleave. Readers never wait.
 */
export const WRITE_LOCK_KEY = 7_664_400;

/**
 * `fn` in one write transaction taken up front: on SQLite `BEGIN IMMEDIATE` on a connection of its own
 * (the seed, the import worker: nobody else uses it meanwhile, so awaiting between statements is safe); on
 * PostgreSQL a pooled connection holding the write lock. The app's transactions go through db/client.ts
 * `transaction`, which also queues writers and keeps reads apart.
 */
export async function withTransaction<T>(db: DB, fn: (tx: DB) => Promise<T>): Promise<T> {
  if (isPostgresDb(db)) {
    return (db as unknown as PgDB).transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(WRITE_LOCK_KEY))})`);
      return fn(tx as unknown as DB);
    });
  }
  db.$client.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn(db);
    db.$client.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.$client.inTransaction) db.$client.exec('ROLLBACK');
    throw error;
  }
}
