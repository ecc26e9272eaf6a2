// Opens and migrates the PostgreSQL database (DATABASE_URL=postgres://…, issue 16). Free of `server-only`
// like db/connection.ts, so the start, seed and bench scripts can use it.
import path from 'node:path';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema.pg';

export type PgDB = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations-pg');

/**
 * int8 and numeric come back as JS numbers, as on SQLite: count(*), sum(integer) and
 * pg_total_relation_size() are int8 (bigint) and sum(int8)/avg() are numeric, which node-postgres returns
 * as strings by default — `sql<number>\`count(*)\`` would then be a string at run time. Every such value in
 * this app is a count, a sum of counts or a size in bytes, far inside 2^53; a value outside it throws
 * rather than lose digits silently. numeric is parsed as a double (the app keeps no decimal amounts).
 * Set on pg's global type table: drizzle's node-postgres session overrides only the date and time types
 * per query and falls back to this table for the rest (a Pool-level `types` would be bypassed).
 */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is outside JavaScript's safe integers`);
  return n;
}
pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

/**
 * PostgreSQL text cannot hold U+0000 and refuses a parameter containing it with an error, where SQLite
 * stores or compares it. Nothing the app writes holds one (lib/text.ts clean() removes control characters),
 * so a NUL can only arrive in a lookup — a hostile slug, a search — and there SQLite finds no row. Here it
 * becomes U+FFFD, which no slug, name or id holds either: the same "not found" on both engines, never a 500.
 * Applied once to every query of every node-postgres client (pool and transaction connections alike).
 */
const NUL = /\u0000/g;
const nulSafe = (v: unknown) => (typeof v === 'string' && v.includes('\u0000') ? v.replace(NUL, '\uFFFD') : v);
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
if (!(clientQuery as { nulSafe?: boolean }).nulSafe) {
  const patched = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
    if (config && typeof config === 'object' && Array.isArray((config as { values?: unknown[] }).values)) {
      (config as { values: unknown[] }).values = (config as { values: unknown[] }).values.map(nulSafe);
    }
    return clientQuery.call(this, config, Array.isArray(values) ? values.map(nulSafe) : values, callback);
  };
  (patched as { nulSafe?: boolean }).nulSafe = true;
  pg.Client.prototype.query = patched as typeof pg.Client.prototype.query;
}

/**
 * `postgres://user:pass@host:5432/db` → a drizzle database over a connection pool. Create the database
 * with LC_COLLATE 'C' (db/schema.pg.ts): ORDER BY and LIKE 'prefix%' then compare bytes like SQLite.
 */
export function openPgDatabase(url: string, options: Omit<pg.PoolConfig, 'connectionString'> = {}): PgDB {
  // No parallel workers for the app's queries: its queries are short, and at a nation's scale a parallel plan
  // for one search took the two cores from every other request (bench/results.md, issue 16).
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c max_parallel_workers_per_gather=0', ...options });
  // An idle client whose server connection drops (failover, restart) emits 'error' on the pool; without
  // a listener that would end the process. The next query checks out a fresh connection.
  pool.on('error', () => {});
  return drizzle(pool, { schema }) as PgDB;
}

/** Applies the pending migrations of db/migrations-pg, each in a transaction (PostgreSQL's DDL is transactional). */
export async function migratePgDatabase(db: PgDB): Promise<void> {
  await migrate(db, { migrationsFolder: PG_MIGRATIONS_FOLDER });
}

/**
 * Moves every identity sequence past the largest id in its table. Call after inserting explicit ids (the
 * demo seed, an import or a restore that keeps ids): unlike SQLite's AUTOINCREMENT, which continues from
 * the largest rowid, a PostgreSQL sequence knows nothing of explicit values, and the next default id
 * would collide. Never moves a sequence backwards (ids are not reused, as with AUTOINCREMENT).
 */
export async function syncPgIdentities(db: PgDB): Promise<void> {
  const { rows } = await db.$client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of rows) {
    await db.$client.query(
      `SELECT setval(s.seq, m.id) FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq) s,
         (SELECT max(${pg.escapeIdentifier(column)}) AS id FROM ${pg.escapeIdentifier(table)}) m
       WHERE m.id > coalesce(pg_sequence_last_value(s.seq), 0)`,
      [pg.escapeIdentifier(table), column],
    );
  }
}
