// Results that stay valid until the database changes. Reads that aggregate a nation's rows (live-award
// counts of every published round, the inbox badges, the queue's unit filter) are computed once per
// change instead of once per request.
import 'server-only';
import { getDb, inTransaction } from '@/db/client';

const store = new Map<string, unknown>();
let stamp = '';
let connection: unknown = null;
const MAX_ENTRIES = 256;

/** `compute()`'s result, reused until something is written — by this process's write connection or by
 * another process such as the import script (PRAGMA data_version of the read connection moves on any
 * commit but its own; total_changes() counts its own, which tests make). The check is two tiny statements.
 * Inside a write transaction nothing is reused or kept: the transaction may see its own uncommitted rows.
 * A computation that rejects is forgotten, so the next call tries again. */
export function memoUntilWrite<T>(key: string, compute: () => Promise<T>): Promise<T> {
  if (inTransaction()) return compute();
  const sqlite = getDb().$client;
  const now = `${sqlite.pragma('data_version', { simple: true })}:${sqlite.prepare('SELECT total_changes()').pluck().get()}`;
  // A different connection (tests swap databases) starts afresh whatever its counters say.
  if (now !== stamp || sqlite !== connection) {
    store.clear();
    stamp = now;
    connection = sqlite;
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
export function publicDataVersion(): string | null {
  const sqlite = getDb().$client;
  if (sqlite !== publicConnection) {
    publicConnection = sqlite;
    publicStore.clear();
    publicVersion = null;
    versionStatement = null;
  }
  try {
    versionStatement ??= sqlite.prepare("SELECT value FROM settings WHERE key = 'public_version'").pluck();
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
  const version = publicDataVersion();
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
