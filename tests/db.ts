// Test helper: a fresh, migrated database made the app's database — a SQLite file in a temp directory, or on
// the PostgreSQL run (DATABASE_URL=postgres://…) a copy of the migrated template (tests/pg-global-setup.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { rows } from '@/db/query';
import { transaction } from '@/db/client';
import { migrateDatabase, openAppDatabase, openDatabase, type DB } from '@/db/connection';
import { ENGINE, isPostgresDb } from '@/db/engine';
import { TEMPLATE_DB, TEST_DB_PREFIX, withDatabase } from './pg';

let copies = 0;

export async function freshDatabase(): Promise<{ db: DB; file: string; url: string }> {
  if (ENGINE === 'postgres') {
    const server = process.env.DATABASE_URL!;
    const name = `${TEST_DB_PREFIX}${process.pid}_${++copies}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
    const url = withDatabase(server, name);
    return { db: openAppDatabase(url), file: '', url };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-test-'));
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  const db = openDatabase(url);
  migrateDatabase(db);
  return { db, file, url };
}

/**
 * Points db/client at `db` (lib/ reads the connection from there). `oneConnection`: the app writes through
 * `db` too, so a test can wrap cases in its own SAVEPOINT and roll each back (db/client.ts nests the app's
 * transactions inside it); by default the app writes through a second connection to the same file.
 */
export function useAsAppDatabase(db: DB, opts: { oneConnection?: boolean } = {}): void {
  const g = globalThis as unknown as { vinhDanhDb?: DB; vinhDanhWriter?: { of: DB; db: DB } };
  g.vinhDanhDb = db;
  if (opts.oneConnection) g.vinhDanhWriter = { of: db, db };
}

/** The first row of a raw SQL query, on either engine. */
export async function one<T>(db: DB, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/** count(*) of a raw SQL query's FROM/WHERE, as a number on either engine. */
export async function countOf(db: DB, fromWhere: SQL): Promise<number> {
  return Number((await one<{ n: number }>(db, sql`SELECT count(*) AS n FROM ${fromWhere}`))?.n ?? 0);
}

/** A second connection to the same database (another process, as far as the first can tell); close it after. */
export function otherConnection(url: string): DB {
  return openAppDatabase(url);
}

const ROLLBACK = Symbol('rollback');

/**
 * Runs `fn` in one app write transaction (db/client.ts) and rolls it back: the test's own writes and every
 * app transaction inside (savepoints of it) leave nothing behind, on either engine. `fn` gets the
 * transaction: write through it (on PostgreSQL another pooled connection would be outside it).
 */
export async function rolledBack(fn: (tx: DB) => Promise<void>): Promise<void> {
  try {
    await transaction(async (tx) => {
      await fn(tx);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
}

/** The statements `fn` sends to the database, as sent (text and parameters): to read the plan of one of them. */
export async function statementsOf(db: DB, fn: () => Promise<unknown>): Promise<Array<{ text: string; params: unknown[] }>> {
  const client = db.$client as unknown as Record<string, (...args: unknown[]) => unknown>;
  // node-postgres: pool.query(text | { text, values }, values); better-sqlite3: prepare(text), its parameters bound later.
  const method = isPostgresDb(db) ? 'query' : 'prepare';
  const original = client[method];
  const seen: Array<{ text: string; params: unknown[] }> = [];
  client[method] = function (this: unknown, ...args: unknown[]) {
    const [arg, values] = args;
    const text = typeof arg === 'string' ? arg : (arg as { text: string }).text;
    seen.push({ text, params: (Array.isArray(values) ? values : (arg as { values?: unknown[] })?.values) ?? [] });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client[method] = original;
  }
  return seen;
}

/**
 * The plan of a statement as text, on either engine: SQLite's EXPLAIN QUERY PLAN (parameters unknown are
 * null: the plan follows the statement's shape), PostgreSQL's EXPLAIN with sequential scans ruled out (a
 * test database's tables are small enough to be scanned whatever their indexes).
 */
export async function queryPlan(db: DB, text: string, params: unknown[] = []): Promise<string> {
  if (isPostgresDb(db)) {
    const client = (db as unknown as { $client: { connect(): Promise<{ query(t: string, p?: unknown[]): Promise<{ rows: Array<{ 'QUERY PLAN': string }> }>; release(): void }> } }).$client;
    const c = await client.connect();
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL enable_seqscan = off');
      const plan = (await c.query(`EXPLAIN ${text}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      await c.query('COMMIT');
      return plan;
    } finally {
      c.release();
    }
  }
  const placeholders = (text.match(/\?/g) ?? []).length;
  const values = params.length ? params : Array(placeholders).fill(null);
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...values) as Array<{ detail: string }>).map((p) => p.detail).join('\n');
}
