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

/** Points db/client at `db` (lib/ reads the connection from there). */
export function useAsAppDatabase(db: DB): void {
  (globalThis as unknown as { vinhDanhDb?: DB }).vinhDanhDb = db;
}
