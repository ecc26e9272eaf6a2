// Results that stay valid until the database changes. Reads that aggregate a nation's rows (live-award
// counts of every published round, the inbox badges, the queue's unit filter) are computed once per
// change instead of once per request.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, inTransaction } from '@/db/client';
import type { DB } from '@/db/connection';
import { isPostgresDb } from '@/db/engine';
import { rows } from '@/db/query';

const store = new Map<string, unknown>();
let stamp = '';
let connection: unknown = null;
const MAX_ENTRIES = 256;

/**
 * A token that changes whenever any process commits a write, so that equal tokens mean the same data.
 * - SQLite: PRAGMA data_version of the read connection moves on any commit but its own; total_changes()
 *   counts its own, which tests make. Two tiny statements, no I/O.
 * - PostgreSQL: the current snapshot (`xmin:xmax:in-progress ids`). A write transaction takes an id that
 *   moves xmax, and its commit drops it from the in-progress list; reads take no id. Equal snapshots see
 *   the same committed rows, whichever process wrote them: one round trip, no table read.
 */
async function writeStamp(db: DB): Promise<string> {
  if (isPostgresDb(db)) return (await rows<{ s: string }>(db, sql`SELECT pg_current_snapshot()::text AS s`))[0]!.s;
  const sqlite = db.$client;
  return `${sqlite.pragma('data_version', { simple: true })}:${sqlite.prepare('SELECT total_changes()').pluck().get()}`;
}

/** The write stamp of the app's database now (tests: whether anything was written between two moments). */
export async function currentWriteStamp(): Promise<string> {
  return writeStamp(getDb());
}

/** `compute()`'s result, reused until something is written — by this process or by another (writeStamp).
 * Inside a write transaction nothing is reused or kept: the transaction may see its own uncommitted rows.
 * A computation that rejects is forgotten, so the next call tries again. Concurrent calls share one. */
export async function memoUntilWrite<T>(key: string, compute: () => Promise<T>): Promise<T> {
  if (inTransaction()) return compute();
  const db = getDb();
  const now = await writeStamp(db);
  // A different connection (tests swap databases) starts afresh whatever its counters say.
  if (now !== stamp || db !== connection) {
    store.clear();
    stamp = now;
    connection = db;
  }
  if (store.has(key)) return store.get(key) as Promise<T>;
  const value = compute();
  if (store.size >= MAX_ENTRIES) store.delete(store.keys().next().value!);
  store.set(key, value);
  value.catch(() => {
    if (store.get(key) === value) store.delete(key);
  });
  return value;
}

// Public reads (rolls, the list of rounds, statistics, the JSON API's bodies) are kept per version of the
// public data: a token that triggers move in the same transaction as any change to rounds, awards or units
// (migration 0005_public_version), in any process. Other writes (sign-ins, nominations) leave it alone.
const publicStore = new Map<string, unknown>();
const pending = new Map<string, Promise<unknown>>();
let publicVersion: string | null = null;
let publicConnection: unknown = null;
let versionStatement: { get(): unknown } | null = null;

/** The current public-data version (one primary-key read), or null on a database without it. */
export async function publicDataVersion(): Promise<string | null> {
  const db = getDb();
  if (db !== publicConnection) {
    publicConnection = db;
    publicStore.clear();
    publicVersion = null;
    versionStatement = null;
  }
  try {
    if (isPostgresDb(db)) return (await rows<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = 'public_version'`))[0]?.value ?? null;
    versionStatement ??= db.$client.prepare("SELECT value FROM settings WHERE key = 'public_version'").pluck();
    return (versionStatement.get() as string | undefined) ?? null;
  } catch {
    versionStatement = null;
    return null;
  }
}

/** `compute()`'s result, kept until the public data changes. Only values are kept: a computation that
 * rejects is tried again next time, and null (an unknown slug) is never stored, so random URLs cannot fill or
 * flush the store. Concurrent calls for the same key share one computation. Inside a write transaction
 * nothing is reused or kept. */
export async function publicMemo<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
  if (inTransaction()) return compute();
  const version = await publicDataVersion();
  if (version !== publicVersion) {
    publicStore.clear();
    pending.clear();
    publicVersion = version;
  }
  if (version !== null && publicStore.has(key)) {
    const value = publicStore.get(key) as T;
    publicStore.delete(key);
    publicStore.set(key, value);
    return value;
  }
  if (version !== null && pending.has(key)) return pending.get(key) as Promise<T>;
  const running = Promise.resolve(compute());
  if (version === null) return running;
  pending.set(key, running);
  try {
    const value = await running;
    // Kept only if the data did not change meanwhile.
    if (value !== null && value !== undefined && publicVersion === version) {
      if (publicStore.size >= MAX_ENTRIES) publicStore.delete(publicStore.keys().next().value!);
      publicStore.set(key, value);
    }
    return value;
  } finally {
    if (pending.get(key) === running) pending.delete(key);
  }
}

/** For tests: how many public values are kept. */
export function publicMemoSize(): number {
  return publicStore.size;
}
