// The app's one database connection. Only lib/ may import this (enforced by ESLint).
import 'server-only';
import { openDatabase, type DB } from './connection';

const globalForDb = globalThis as unknown as { vinhDanhDb?: DB };

/** Opened on first use, never at import: `next build` loads modules in several workers. */
export function getDb(): DB {
  if (!globalForDb.vinhDanhDb) globalForDb.vinhDanhDb = openDatabase();
  return globalForDb.vinhDanhDb;
}
