// The app's database. Only lib/ may import this (enforced by ESLint).
//
// The data layer is asynchronous (issue 16): every query is awaited, so the same lib/ code runs on an
// engine whose driver is asynchronous. On SQLite (better-sqlite3, synchronous underneath) that raises one
// question an asynchronous transaction must answer: while a write transaction waits between two
// statements, other requests run. So:
// - reads outside a transaction use their own connection, which sees only committed data (WAL): a
//   request never reads another request's uncommitted work;
// - write transactions run one at a time on a second connection, queued in this process and taken with
//   `BEGIN IMMEDIATE` (which also serialises them with other processes, such as the import script);
// - inside a transaction, `getDb()` is that transaction, wherever it is called from (AsyncLocalStorage):
//   a helper that reads through `getDb()` sees the transaction's own writes, as it did when transactions
//   were synchronous.
// On PostgreSQL (DATABASE_URL=postgres://…) reads use the pool, and each write transaction takes a pooled
// connection and the global write lock (db/connection.ts withTransaction): still one writer at a time in
// this process, so at most one pooled connection waits for the lock while readers keep the others.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { isPostgresDb } from './engine';
import { openAppDatabase, openDatabase, withTransaction, type DB } from './connection';

export { first } from './query';

const globalForDb = globalThis as unknown as { vinhDanhDb?: DB; vinhDanhWriter?: { of: DB; db: DB } };
const current = new AsyncLocalStorage<DB>();

/** Opened on first use, never at import: `next build` loads modules in several workers. */
function readerDb(): DB {
  if (!globalForDb.vinhDanhDb) globalForDb.vinhDanhDb = openAppDatabase();
  return globalForDb.vinhDanhDb;
}

/** The database to query: the transaction this call runs in, or the read connection. */
export function getDb(): DB {
  return current.getStore() ?? readerDb();
}

/** Whether this call runs inside a write transaction. */
export function inTransaction(): boolean {
  return current.getStore() !== undefined;
}

/** The write connection: a second connection to the reader's file (the same one for an in-memory database). */
function writerDb(): DB {
  const reader = readerDb();
  if (isPostgresDb(reader)) return reader;
  const kept = globalForDb.vinhDanhWriter;
  if (kept?.of === reader) return kept.db;
  kept?.db.$client.close();
  const db = reader.$client.memory ? reader : openDatabase(`file:${reader.$client.name}`);
  globalForDb.vinhDanhWriter = { of: reader, db };
  return db;
}

let queue: Promise<unknown> = Promise.resolve();
let savepoints = 0;

/**
 * Runs `fn` in one write transaction taken up front, so check-then-write cannot interleave with another
 * writer. Nested calls are savepoints of the enclosing transaction. A throw rolls everything back.
 */
export function transaction<T>(fn: (tx: DB) => Promise<T>): Promise<T> {
  const outer = current.getStore();
  if (outer) return savepoint(outer, fn);
  const run = queue.then(() => {
    const db = writerDb();
    const inside = (tx: DB) => current.run(tx, () => fn(tx));
    if (isPostgresDb(db)) return withTransaction(db, inside);
    const sqlite: Database.Database = db.$client;
    // A connection already in a transaction (a test's own SAVEPOINT around its cases): nest in it.
    return sqlite.inTransaction ? savepoint(db, inside) : withTransaction(db, inside);
  });
  // The next writer waits for this one to end, whatever its outcome.
  queue = run.catch(() => undefined);
  return run;
}

async function savepoint<T>(db: DB, fn: (tx: DB) => Promise<T>): Promise<T> {
  // drizzle's nested transaction on PostgreSQL is a SAVEPOINT on the same connection.
  if (isPostgresDb(db)) return (db as unknown as { transaction(f: (tx: DB) => Promise<T>): Promise<T> }).transaction(() => fn(db));
  const name = `sp${++savepoints}`;
  db.$client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn(db);
    db.$client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    db.$client.exec(`ROLLBACK TO ${name}`);
    db.$client.exec(`RELEASE ${name}`);
    throw error;
  }
}
