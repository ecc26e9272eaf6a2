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
