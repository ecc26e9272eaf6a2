// Backup round trip while the database is in use, restore checks, and the audit chain catching an edit
// made behind the app's back.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, checkBackup, restoreDatabase } from '@/db/backup';
import { openDatabase, withTransaction, type DB } from '@/db/connection';
import { seedDemo } from '@/db/demo';
import { appendAudit, verifyAuditChain } from '@/lib/audit-chain';
import { freshDatabase } from '@/tests/db';

let db: DB;
let file: string;
const counts = (d: Database.Database) =>
  Object.fromEntries(['units', 'individuals', 'collectives', 'nominations', 'awards', 'audit_events', 'users'].map((t) => [t, (d.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));

beforeAll(async () => {
  ({ db, file } = await freshDatabase());
  await seedDemo(db);
});

describe('backup and restore', () => {
  it('a backup taken during writes is consistent, and restores exactly', async () => {
    const dir = path.dirname(file);
    const dest = path.join(dir, 'backups', 'demo.db');
    // Keep writing from another connection while the backup runs.
    const writer = openDatabase(`file:${file}`);
    let writes = 0;
    const timer = setInterval(() => {
      void withTransaction(writer, (tx) => appendAudit(tx, { actorId: null, action: 'test.write', entityType: 'test', entityId: ++writes }));
    }, 1);
    const r = await backupDatabase(file, dest);
    clearInterval(timer);
    console.log(`backup of the demo database: ${(r.bytes / 1024 / 1024).toFixed(2)} MB in ${Math.round(r.ms)} ms (${writes} writes during the run)`);
    expect(checkBackup(dest)).toEqual([]);
    const copy = new Database(dest, { readonly: true });
    const snapshot = counts(copy);
    expect(verifyAuditChain({ $client: copy })).toMatchObject({ ok: true });
    copy.close();

    // Change the live database, then restore: the backup's content comes back, the old one is kept.
    writer.$client.prepare("UPDATE units SET name = name || ' (đổi)'").run();
    writer.$client.close();
    db.$client.close();
    const { previous } = await restoreDatabase(dest, file);
    const restored = new Database(file, { readonly: true });
    expect(counts(restored)).toEqual(snapshot);
    expect((restored.prepare("SELECT count(*) AS n FROM units WHERE name LIKE '% (đổi)'").get() as { n: number }).n).toBe(0);
    restored.close();
    expect(previous && fs.existsSync(previous)).toBeTruthy();
    db = openDatabase(`file:${file}`);
  });

  it('refuses a damaged file or something that is not a Vinh Danh database', async () => {
    const dir = path.dirname(file);
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    expect(checkBackup(junk).join()).toMatch(/not a SQLite database|integrity_check|file is not a database/);
    const other = path.join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)').close();
    expect(checkBackup(other).join()).toMatch(/not a Vinh Danh database/);
    await expect(restoreDatabase(other, file)).rejects.toThrow(/refusing/);
    expect(checkBackup(path.join(dir, 'missing.db')).join()).toMatch(/does not exist/);
  });
});

describe('audit chain', () => {
  it('is intact after the demo seed and catches an edit behind the app back', async () => {
    await withTransaction(db, async (tx) => {
      for (let i = 0; i < 100; i++) {
        await appendAudit(tx, { actorId: null, action: 'test.event', entityType: 'test', entityId: i, before: { name: `Nguyễn Văn ${i}`, at: new Date(i * 1e9) }, after: { list: [i, 'đ', null, { '<b>': 1.5 }] } });
      }
    });
    const before = verifyAuditChain(db);
    expect(before.ok).toBe(true);
    expect(before.count).toBeGreaterThan(100);
    // The app's triggers refuse edits; an attacker with the file drops them first.
    const raw = new Database(file);
    const target = (raw.prepare('SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 40').get() as { id: number }).id;
    expect(() => raw.prepare('UPDATE audit_events SET actor_id = NULL WHERE id = ?').run(target)).toThrow(/append-only/);
    raw.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    raw.prepare(`UPDATE audit_events SET "after" = json_set(coalesce("after", '{}'), '$.forged', 1) WHERE id = ?`).run(target);
    expect(verifyAuditChain(db)).toEqual({ ok: false, count: 41, firstBadId: target, reason: 'hash' });

    // Recomputing that row's hash does not help: the next event's link breaks.
    raw.prepare(`UPDATE audit_events SET "after" = json_remove("after", '$.forged') WHERE id = ?`).run(target);
    expect(verifyAuditChain(db).ok).toBe(true);
    const victim = (raw.prepare('SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 60').get() as { id: number }).id;
    raw.prepare('DELETE FROM audit_events WHERE id = ?').run(victim);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: victim + 1, reason: 'link' });
    raw.close();
  });
});
