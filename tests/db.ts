// Test helper: a fresh, migrated SQLite database in a temp file, made the app's database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase, type DB } from '@/db/connection';

export function freshDatabase(): { db: DB; file: string; url: string } {
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
