// Helpers for writing a query once for any engine. Free of `server-only`: scripts and tests use them too.
import { createHash } from 'node:crypto';
import { count, sql, type SQL, type SQLWrapper, type Subquery } from 'drizzle-orm';
import pg from 'pg';
import type { DB } from './connection';
import { isPostgresDb } from './engine';

/** The first row of a query (with `LIMIT 1` when the query is a select), or undefined. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  const limited = typeof (query as { limit?: unknown }).limit === 'function' ? (query as unknown as { limit(n: number): PromiseLike<T[]> }).limit(1) : query;
  return (await limited)[0];
}

/** How many rows a select finds, counted no further than `max` + 1: a count of millions costs seconds, and a list
 * says "more than `max`" above it (`moreThan`; `total` is then `max`). */
export async function countUpTo(db: DB, select: { limit(n: number): { as(alias: string): Subquery } }, max: number): Promise<{ total: number; moreThan: boolean }> {
  const n = (await first(db.select({ n: count() }).from(select.limit(max + 1).as('counted'))))?.n ?? 0;
  return { total: Math.min(n, max), moreThan: n > max };
}

/** How many rows an UPDATE or DELETE changed: better-sqlite3 says `changes`, node-postgres `rowCount`. */
export function changed(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

type RawDb = { all?: unknown; run?: unknown; execute?: unknown };

/**
 * The rows of a raw SQL statement, on either engine. Keep such SQL standard (it runs on both).
 * `prepared` (PostgreSQL; SQLite keeps every statement prepared anyway): a named statement, parsed and planned once
 * per connection and then run with its generic plan. Only for statements whose best plan does not depend on the
 * values (lookups by key, `= ANY(ids)`): a search's words, common or rare, need a plan of their own.
 */
export async function rows<T>(db: object, query: SQL, { prepared = false }: { prepared?: boolean } = {}): Promise<T[]> {
  if (isPostgresDb(db)) return pgRows<T>(db, query, prepared);
  return sqliteRows<T>(db, query) ?? (db as RawDb as { all<R>(q: SQL): Promise<R[]> }).all<T>(query);
}

type PgInternals = {
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
  session: { client: { query(config: object): Promise<{ fields: Array<{ name: string }>; rows: unknown[][] }> } };
};

/** Drizzle's parsers for raw SQL on node-postgres: dates, times and intervals (and their arrays) as PostgreSQL's text. */
const PG_TEXT_TYPES = new Set([1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231]);
const pgTypes = {
  getTypeParser: (id: number, format?: string) => (PG_TEXT_TYPES.has(id) ? (v: string) => v : pg.types.getTypeParser(id, format as 'text')),
};
/** The name of each prepared statement, by its text (few: only fixed shapes are prepared). */
const pgNames = new Map<string, string>();

/**
 * PostgreSQL: what drizzle's `db.execute(sql)` does — the same SQL text, parameters and parsers — but each row built
 * here as a plain object from the driver's arrays. Reading node-postgres's own row objects (each a spread copy of a
 * prebuilt one) was measured four to five times slower: the ranking of a search's ~200 candidates took 0.95 ms on
 * them, 0.26 ms on the same values copied into plain objects (bench/results.md, twelfth session).
 */
async function pgRows<T>(db: object, query: SQL, prepared: boolean): Promise<T[]> {
  const { dialect, session } = db as PgInternals;
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name: string | undefined;
  if (prepared) {
    name = pgNames.get(text);
    if (!name) pgNames.set(text, (name = `vd_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  }
  const result = await session.client.query({ text, values: params, rowMode: 'array', types: pgTypes, ...(name ? { name } : {}) });
  const names = result.fields.map((f) => f.name);
  return result.rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
    return row as T;
  });
}

type Statement = { all(...params: unknown[]): unknown[] };
type SqliteInternals = { dialect?: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } }; session?: { client?: { prepare(sql: string): Statement } } };

/** Per SQLite connection, its raw statements prepared once (most recently used last; the oldest go past the cap). */
const prepared = new WeakMap<object, Map<string, Statement>>();
const MAX_PREPARED = 200;

/**
 * SQLite: what drizzle's `db.all(sql)` does — the same SQL text and parameters, objects per row — but with the
 * statement kept per connection instead of prepared again on every call (a tenth of a public search's time).
 * Only `.all()` runs these statements, never an iterator, so one is never busy when used again. Null when `db`
 * is not a drizzle better-sqlite3 database or transaction.
 */
function sqliteRows<T>(db: object, query: SQL): T[] | null {
  const { dialect, session } = db as SqliteInternals;
  const client = session?.client;
  if (!dialect?.sqlToQuery || typeof client?.prepare !== 'function') return null;
  const { sql: text, params } = dialect.sqlToQuery(query);
  let cache = prepared.get(client);
  if (!cache) prepared.set(client, (cache = new Map()));
  let statement = cache.get(text);
  if (statement) cache.delete(text);
  else {
    statement = client.prepare(text);
    if (cache.size >= MAX_PREPARED) cache.delete(cache.keys().next().value!);
  }
  cache.set(text, statement);
  return statement.all(...params) as T[];
}

/** Runs a raw SQL statement that returns no rows, on either engine. */
export async function exec(db: object, query: SQL): Promise<void> {
  if (isPostgresDb(db)) await (db as { execute(q: SQL): Promise<unknown> }).execute(query);
  else await (db as { run(q: SQL): Promise<unknown> }).run(query);
}

/** The largest id a row can have on both engines (PostgreSQL `integer`); a larger number names no row. */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether `n` can be a row's id: a whole number from 1 to MAX_ROW_ID. Check before querying with a caller's id:
 * PostgreSQL refuses a parameter outside its integer range with an error where SQLite finds no row. */
export function isRowId(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_ROW_ID;
}

/**
 * `column LIKE '%text%'` (or `'text%'` with `prefix`) where the text's own `%`, `_` and backslash match themselves, on
 * both engines: SQLite's LIKE has no escape character unless told (`ESCAPE`), PostgreSQL's is the backslash.
 */
export function likeText(column: SQLWrapper, text: string, { prefix = false } = {}): SQL {
  const escaped = text.replace(/[%_\\]/g, (c) => `\\${c}`);
  return sql`${column} LIKE ${prefix ? `${escaped}%` : `%${escaped}%`} ESCAPE '\\'`;
}
