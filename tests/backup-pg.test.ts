// PostgreSQL's backup and restore (issue 16 item 5; runs in the PostgreSQL run of the suite, beside
// tests/backup-audit.test.ts which does the same on SQLite): pg_dump of a live demo database, pg_restore
// into an empty one, the same rows and an intact audit chain; a tampered trail is caught by audit:verify.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backupPgDatabase, restorePgDatabase } from '@/db/backup-pg';
import { closeDatabase, openAppDatabase, type DB } from '@/db/connection';
import { seedDemo } from '@/db/demo';
import { exec } from '@/db/query';
import { verifyAuditChainOf } from '@/lib/audit-chain';
import { countOf, freshDatabase } from './db';
import { createDatabaseSql, TEST_DB_PREFIX, withDatabase } from './pg';

let db: DB;
let url: string;
const opened: DB[] = [];
const TABLES = ['units', 'users', 'individuals', 'collectives', 'rounds', 'nominations', 'awards', 'audit_events', 'award_search', 'award_name_search'];

async function counts(d: DB) {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countOf(d, sql.raw(t))])));
}

async function emptyDatabase(): Promise<string> {
  const name = `${TEST_DB_PREFIX}restore_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(createDatabaseSql(name));
  await admin.end();
  return withDatabase(process.env.DATABASE_URL!, name);
}

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  await seedDemo(db);
}, 120_000);

afterAll(async () => {
  for (const d of [db, ...opened]) await closeDatabase(d);
});

describe('pg_dump and pg_restore', () => {
  it('a backup of the live database restores into an empty one with the same rows and an intact audit chain', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-pgdump-')), 'backup.dump');
    const backup = await backupPgDatabase(url, file);
    expect(backup.bytes).toBeGreaterThan(10_000);
    expect(backup.tables).toBeGreaterThanOrEqual(20);
    await expect(backupPgDatabase(url, file)).rejects.toThrow(/already exists/);

    const target = await emptyDatabase();
    await restorePgDatabase(file, target);
    const restored = openAppDatabase(target);
    opened.push(restored);
    expect(await counts(restored)).toEqual(await counts(db));
    expect(await verifyAuditChainOf(restored)).toMatchObject({ ok: true, count: await countOf(db, sql`audit_events`) });
    // A second restore into the now full database is refused: nothing mixes with live rows.
    await expect(restorePgDatabase(file, target)).rejects.toThrow(/not empty/);
  }, 120_000);

  it('audit:verify catches an edit made behind the app, even with the append-only triggers switched off', async () => {
    expect(await verifyAuditChainOf(db)).toMatchObject({ ok: true });
    // The database refuses the edit…
    await expect(exec(db, sql`UPDATE audit_events SET action = 'x' WHERE id = 1`)).rejects.toThrow();
    // …and when an owner disables the triggers, the chain still shows it.
    await exec(db, sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    await exec(db, sql`UPDATE audit_events SET action = 'round.delete' WHERE id = 2`);
    await exec(db, sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    expect(await verifyAuditChainOf(db)).toMatchObject({ ok: false, firstBadId: 2, reason: 'hash' });
  });
});
