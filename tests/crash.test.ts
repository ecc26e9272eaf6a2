// Crash safety: a child process imports spreadsheets or decides and publishes rounds, and is killed
// with SIGKILL at a random moment, many times over. After every kill the database passes
// integrity_check, the audit chain holds, each import is wholly there or not at all, each round is
// wholly decided/published or not, and the audit trail records exactly what the data shows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { individuals, nominations, rounds, signoffs, units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { verifyAuditChain } from '@/lib/audit-chain';
import { finalListEntries, hashFinalList, insertSnapshot } from '@/lib/final-list';
import { fold } from '@/lib/text';
import { freshDatabase } from '@/tests/db';
import { withTransaction } from '@/db/connection';
import { first } from '@/db/query';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS || 12);
const IMPORT_ROWS = 1000;
const ROUNDS = 40;
const APPROVED_PER_ROUND = 400;
/** Each scenario has its own database file, so the two run side by side. */
const files = { import: '', publish: '' };
let adminId: number;

beforeAll(async () => {
  const fresh = await freshDatabase();
  const db = fresh.db;
  await seedDemo(db);
  adminId = (await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))))!.id;
  // Rounds in review with many approved nominations, so deciding one takes long enough to be interrupted.
  const ward = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong'))))!.id;
  const district = (await first(db.select({ id: users.unitId }).from(users).where(eq(users.id, adminId))))!.id;
  await withTransaction(db, async (tx) => {
    for (let r = 0; r < ROUNDS; r++) {
      const roundId = (await first(tx
        .insert(rounds)
        .values({ slug: `crash-${r}`, title: `Đợt thử ${r}`, theme: 'Thử', period: '2026', authority: 'UBND Quận 7', awardForm: 'Giấy khen', criteria: 'Thử', status: 'reviewing', unitId: district })
        .returning({ id: rounds.id })))!.id;
      for (let i = 0; i < APPROVED_PER_ROUND; i++) {
        const name = `Cá Nhân ${r}-${i}`;
        const p = (await first(tx.insert(individuals).values({ fullName: name, nameFolded: fold(name), unitId: ward }).returning({ id: individuals.id })))!.id;
        await tx.insert(nominations).values({ roundId, nomineeKind: 'individual', individualId: p, unitId: ward, summary: 'Hoàn thành xuất sắc nhiệm vụ.', status: 'approved' });
      }
      // The approver's sign-off of the final list, which the decision requires.
      const entries = await finalListEntries(tx, roundId);
      const signoffId = (await first(tx.insert(signoffs).values({ roundId, signedBy: adminId, signedAt: new Date(), listHash: hashFinalList(`Đợt thử ${r}`, entries) }).returning({ id: signoffs.id })))!.id;
      await insertSnapshot(tx, signoffId, entries);
    }
  });
  db.$client.close();
  files.publish = fresh.file;
  files.import = fresh.file.replace(/\.db$/, '-import.db');
  fs.copyFileSync(files.publish, files.import);
}, 120_000);

/**
 * Runs one worker life and SIGKILLs it at a random moment: within its first step, or (when `second`)
 * within its second step, so some lives finish a step whatever the machine's speed.
 */
function killSomewhere(mode: 'import' | 'publish', second: boolean): Promise<string[]> {
  // One node process (tsx as a loader, not a wrapper), in its own process group.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/crash-worker.ts', mode, String(adminId), String(IMPORT_ROWS)], {
    env: { ...process.env, DATABASE_URL: `file:${files[mode]}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const lines: string[] = [];
  let readyAt = 0;
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready') {
          readyAt = performance.now();
          if (!second) setTimeout(kill, Math.random() * 1000);
        } else if (second && /^(imported|published) /.test(line) && lines.filter((l) => /^(imported|published) /.test(l)).length === 1) {
          setTimeout(kill, Math.random() * (performance.now() - readyAt) * 1.2);
        } else if (line === 'all published') kill();
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || code === null ? resolve(lines) : reject(new Error(`worker exited ${code}: ${lines.join(' | ')}`))));
    setTimeout(kill, 60_000);
  });
}

/** Whether the kill landed inside a step (after its `begin`, before it reported done). */
const killedInStep = (lines: string[]) => lines.at(-1)?.startsWith('begin') ?? false;

function open(mode: 'import' | 'publish'): Database.Database {
  // Opening after a crash replays or discards the WAL, as a restarted server would.
  const db = new Database(files[mode]);
  db.pragma('journal_mode = WAL');
  return db;
}

function checkSound(db: Database.Database) {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(verifyAuditChain({ $client: db })).toMatchObject({ ok: true });
}

describe.concurrent('SIGKILL in the middle of work', () => {
  it(`an import is wholly there or not at all (${ITERATIONS} kills)`, async () => {
    let complete = 0;
    let killedMidway = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const lines = await killSomewhere('import', i % 2 === 1);
      const db = open('import');
      checkSound(db);
      const batches = db.prepare("SELECT substr(full_name, 11, instr(substr(full_name, 11), ' ') - 1) AS batch, count(*) AS n FROM individuals WHERE full_name LIKE 'Người Thử %' GROUP BY batch").all() as Array<{ batch: string; n: number }>;
      expect(batches.filter((b) => b.n !== IMPORT_ROWS)).toEqual([]);
      const events = db.prepare("SELECT \"after\" FROM audit_events WHERE action = 'import.individuals'").all() as Array<{ after: string }>;
      expect(events.length).toBe(batches.length);
      expect(events.every((e) => JSON.parse(e.after).rows === IMPORT_ROWS)).toBe(true);
      db.close();
      const reported = lines.filter((l) => l.startsWith('imported')).length;
      // The data holds at least what the worker reported done; one more may have committed unreported.
      expect(batches.length - complete).toBeGreaterThanOrEqual(reported);
      expect(batches.length - complete).toBeLessThanOrEqual(reported + 1);
      if (killedInStep(lines)) killedMidway++;
      complete = batches.length;
    }
    console.log(`crash/import: ${ITERATIONS} SIGKILLs, ${complete} imports of ${IMPORT_ROWS} rows complete, ${killedMidway} kills inside an import`);
    expect(complete).toBeGreaterThan(0);
  }, 240_000);

  it(`a round is wholly decided and published or not at all (${ITERATIONS} kills)`, async () => {
    let killedMidway = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const lines = await killSomewhere('publish', i % 2 === 1);
      if (lines.some((l) => l.startsWith('error'))) throw new Error(lines.join('\n'));
      const db = open('publish');
      checkSound(db);
      const states = db
        .prepare(
          `SELECT r.id, r.status, r.published_at AS publishedAt,
             (SELECT count(*) FROM awards a WHERE a.round_id = r.id) AS awards,
             (SELECT count(*) FROM audit_events e WHERE e.entity_type = 'round' AND e.entity_id = r.id AND e.action = 'round.decided') AS decided,
             (SELECT count(*) FROM audit_events e WHERE e.entity_type = 'round' AND e.entity_id = r.id AND e.action = 'round.published') AS published
           FROM rounds r WHERE r.slug LIKE 'crash-%'`,
        )
        .all() as Array<{ id: number; status: string; publishedAt: number | null; awards: number; decided: number; published: number }>;
      for (const s of states) {
        if (s.status === 'reviewing') expect(s).toMatchObject({ awards: 0, decided: 0, published: 0, publishedAt: null });
        else if (s.status === 'decided') expect(s).toMatchObject({ awards: APPROVED_PER_ROUND, decided: 1, published: 0, publishedAt: null });
        else {
          expect(s).toMatchObject({ status: 'published', awards: APPROVED_PER_ROUND, decided: 1, published: 1 });
          expect(s.publishedAt).not.toBeNull();
        }
      }
      db.close();
      if (killedInStep(lines)) killedMidway++;
    }
    const db = open('publish');
    const done = (db.prepare("SELECT count(*) AS n FROM rounds WHERE slug LIKE 'crash-%' AND status = 'published'").get() as { n: number }).n;
    db.close();
    console.log(`crash/publish: ${ITERATIONS} SIGKILLs, ${done} of ${ROUNDS} rounds of ${APPROVED_PER_ROUND} awards published, ${killedMidway} kills inside a decide-and-publish`);
    expect(done).toBeGreaterThan(0);
  }, 240_000);
});
