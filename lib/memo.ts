// Results that stay valid until the database changes. Reads that aggregate a nation's rows (live-award
// counts of every published round, the inbox badges, the queue's unit filter) are computed once per
// change instead of once per request.
import 'server-only';
import { getDb } from '@/db/client';

const store = new Map<string, unknown>();
let stamp = '';
let connection: unknown = null;
const MAX_ENTRIES = 256;

/** `compute()`'s result, reused until something is written — by this process (total_changes()) or by
 * another one such as the import script (PRAGMA data_version). The check is two tiny statements. */
export function memoUntilWrite<T>(key: string, compute: () => T): T {
  const sqlite = getDb().$client;
  const now = `${sqlite.pragma('data_version', { simple: true })}:${sqlite.prepare('SELECT total_changes()').pluck().get()}`;
  // A different connection (tests swap databases) starts afresh whatever its counters say.
  if (now !== stamp || sqlite !== connection) {
    store.clear();
    stamp = now;
    connection = sqlite;
  }
  if (store.has(key)) return store.get(key) as T;
  const value = compute();
  if (store.size >= MAX_ENTRIES) store.delete(store.keys().next().value!);
  store.set(key, value);
  return value;
}

// Public reads (rolls, the list of rounds, statistics, the JSON API's bodies) are kept per version of the
// public data: a token that triggers move in the same transaction as any change to rounds, awards or units
// (migration 0005_public_version), in any process. Other writes (sign-ins, nominations) leave it alone.
const publicStore = new Map<string, unknown>();
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

/** `compute()`'s result, kept until the public data changes. Only values are kept: a computation that throws
 * is tried again next time, and null (an unknown slug) is never stored, so random URLs cannot fill or flush
 * the store. `compute` is synchronous (better-sqlite3): a promise would keep its rejection. */
export function publicMemo<T>(key: string, compute: () => T extends PromiseLike<unknown> ? never : T): T {
  const version = publicDataVersion();
  if (version !== publicVersion) {
    publicStore.clear();
    publicVersion = version;
  }
  if (version !== null && publicStore.has(key)) {
    const value = publicStore.get(key) as T;
    publicStore.delete(key);
    publicStore.set(key, value);
    return value;
  }
  const value = compute() as T;
  if (version === null || value === null || value === undefined) return value;
  if (publicStore.size >= MAX_ENTRIES) publicStore.delete(publicStore.keys().next().value!);
  publicStore.set(key, value);
  return value;
}

/** For tests: how many public values are kept. */
export function publicMemoSize(): number {
  return publicStore.size;
}
