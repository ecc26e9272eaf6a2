// Crash safety: a child process imports spreadsheets or decides and publishes rounds, and is killed
// with SIGKILL at a random moment, many times over. After every kill the database is sound (SQLite:
// integrity_check and foreign_key_check after the WAL is replayed or discarded; PostgreSQL: once the server
// has ended the dead worker's connections and rolled back what they left open, no reference dangles), the
// audit chain holds, each import is wholly there or not at all, each round is wholly decided/published or
// not, and the audit trail records exactly what the data shows — on both engines.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { individuals, nominations, rounds, signoffs, units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { verifyAuditChainOf } from '@/lib/audit-chain';
import { finalListEntries, hashFinalList, insertSnapshot } from '@/lib/final-list';
import { fold } from '@/lib/text';
import { countOf, freshDatabase } from '@/tests/db';
import { withDatabase } from '@/tests/pg';
import { closeDatabase, openAppDatabase, withTransaction, type DB } from '@/db/connection';
import { ENGINE, isPostgresDb } from '@/db/engine';
import { first, rows } from '@/db/query';
import { bundleWorker } from '@/tests/worker-bundle';

// A worker life costs PostgreSQL about a quarter more than SQLite (its connections, the server's work beside
// the worker's): 10 kills there take about as long as 12 here.
const ITERATIONS = Number(process.env.CRASH_ITERATIONS || (ENGINE === 'postgres' ? 10 : 12));
const IMPORT_ROWS = 1000;
const ROUNDS = 40;
const APPROVED_PER_ROUND = 400;
/** Each worker life starts a node process (seconds on a busy machine): the time allowed grows with the kills. */
const TEST_TIMEOUT = Math.max(240_000, ITERATIONS * 60_000);
type Mode = 'import' | 'publish';
/**
 * Each scenario has its own database, so the two run side by side: a SQLite file, or a PostgreSQL database
 * (`name`) on the test server, made like every test database (tests/db.ts) and dropped with them.
 */
const targets: Record<Mode, { url: string; name: string }> = { import: { url: '', name: '' }, publish: { url: '', name: '' } };
let adminId: number;
/** tests/crash-worker.ts, bundled: a worker life starts as plain node. */
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker('tests/crash-worker.ts');
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
      const names = Array.from({ length: APPROVED_PER_ROUND }, (_, i) => `Cá Nhân ${r}-${i}`);
      const people = await tx.insert(individuals).values(names.map((name) => ({ fullName: name, nameFolded: fold(name), unitId: ward }))).returning({ id: individuals.id });
      await tx.insert(nominations).values(people.map((p) => ({ roundId, nomineeKind: 'individual' as const, individualId: p.id, unitId: ward, summary: 'Hoàn thành xuất sắc nhiệm vụ.', status: 'approved' as const })));
      // The approver's sign-off of the final list, which the decision requires.
      const entries = await finalListEntries(tx, roundId);
      const signoffId = (await first(tx.insert(signoffs).values({ roundId, signedBy: adminId, signedAt: new Date(), listHash: hashFinalList(`Đợt thử ${r}`, entries) }).returning({ id: signoffs.id })))!.id;
      await insertSnapshot(tx, signoffId, entries);
    }
  });
  await closeDatabase(db);
  if (ENGINE === 'postgres') {
    // A copy of the database for the second scenario (its source has no connection left: closed above).
    const name = new URL(fresh.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}_import TEMPLATE ${name}`);
    } finally {
      await admin.end();
    }
    targets.publish = { url: fresh.url, name };
    targets.import = { url: withDatabase(fresh.url, `${name}_import`), name: `${name}_import` };
  } else {
    targets.publish = { url: fresh.url, name: fresh.file };
    const file = fresh.file.replace(/\.db$/, '-import.db');
    fs.copyFileSync(fresh.file, file);
    targets.import = { url: `file:${file}`, name: file };
  }
}, 300_000);

/**
 * Runs one worker life and SIGKILLs it at a random moment: within its first step, or (when `second`)
 * within its second step, so some lives finish a step whatever the machine's speed.
 */
function killSomewhere(mode: Mode, second: boolean): Promise<string[]> {
  // One node process, in its own process group.
  const child = spawn(process.execPath, ['--conditions=react-server', worker, mode, String(adminId), String(IMPORT_ROWS)], {
    env: { ...process.env, DATABASE_URL: targets[mode].url },
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

/**
 * The database after a crash, as a restarted app would find it. SQLite: opening it replays or discards the
 * WAL. PostgreSQL: the server notices the dead worker's connections (their sockets closed with the process),
 * rolls back what they left open and ends them — wait for that, so every check below reads one settled state.
 */
async function open(mode: Mode): Promise<DB> {
  if (ENGINE === 'postgres') {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      for (const start = Date.now(); ; await new Promise((r) => setTimeout(r, 50))) {
        const { rows: left } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [targets[mode].name]);
        if (left[0].n === 0) break;
        if (Date.now() - start > 30_000) throw new Error(`the killed worker's connections to ${targets[mode].name} are still open after 30 s`);
      }
    } finally {
      await admin.end();
    }
  }
  return openAppDatabase(targets[mode].url);
}

/**
 * The references that point at no row, per foreign key (PostgreSQL's counterpart of SQLite's
 * foreign_key_check): every row whose key columns are all set has its parent.
 */
async function danglingReferences(db: DB): Promise<string[]> {
  const keys = await rows<{ name: string; child: string; parent: string; cols: string[]; refs: string[] }>(
    db,
    sql`SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
          (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
          (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refs
        FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
  );
  expect(keys.length).toBeGreaterThan(10);
  const dangling: string[] = [];
  for (const k of keys) {
    const id = (col: string) => pg.escapeIdentifier(col);
    const set = k.cols.map((c) => `c.${id(c)} IS NOT NULL`).join(' AND ');
    const match = k.cols.map((c, i) => `p.${id(k.refs[i])} = c.${id(c)}`).join(' AND ');
    const n = await countOf(db, sql.raw(`${k.child} c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${k.parent} p WHERE ${match})`));
    if (n) dangling.push(`${k.name}: ${n}`);
  }
  return dangling;
}

async function checkSound(db: DB) {
  if (isPostgresDb(db)) {
    expect(await danglingReferences(db)).toEqual([]);
  } else {
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
  }
  expect(await verifyAuditChainOf(db)).toMatchObject({ ok: true });
}

describe.concurrent('SIGKILL in the middle of work', () => {
  it(`an import is wholly there or not at all (${ITERATIONS} kills)`, async () => {
    let complete = 0;
    let killedMidway = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const lines = await killSomewhere('import', i % 2 === 1);
      const db = await open('import');
      try {
        await checkSound(db);
        // Rows per import: the batch is the third word of 'Người Thử <batch> <i>'.
        const names = await rows<{ full_name: string }>(db, sql`SELECT full_name FROM individuals WHERE full_name LIKE 'Người Thử %'`);
        const perBatch = new Map<string, number>();
        for (const { full_name: name } of names) perBatch.set(name.split(' ')[2], (perBatch.get(name.split(' ')[2]) ?? 0) + 1);
        const batches = [...perBatch].map(([batch, n]) => ({ batch, n }));
        expect(batches.filter((b) => b.n !== IMPORT_ROWS)).toEqual([]);
        const events = await rows<{ after: string }>(db, sql`SELECT CAST("after" AS TEXT) AS "after" FROM audit_events WHERE action = 'import.individuals'`);
        expect(events.length).toBe(batches.length);
        expect(events.every((e) => JSON.parse(e.after).rows === IMPORT_ROWS)).toBe(true);
        const reported = lines.filter((l) => l.startsWith('imported')).length;
        // The data holds at least what the worker reported done; one more may have committed unreported.
        expect(batches.length - complete).toBeGreaterThanOrEqual(reported);
        expect(batches.length - complete).toBeLessThanOrEqual(reported + 1);
        if (killedInStep(lines)) killedMidway++;
        complete = batches.length;
      } finally {
        await closeDatabase(db);
      }
    }
    console.log(`crash/import (${ENGINE}): ${ITERATIONS} SIGKILLs, ${complete} imports of ${IMPORT_ROWS} rows complete, ${killedMidway} kills inside an import`);
    expect(complete).toBeGreaterThan(0);
  }, TEST_TIMEOUT);

  it(`a round is wholly decided and published or not at all (${ITERATIONS} kills)`, async () => {
    let killedMidway = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const lines = await killSomewhere('publish', i % 2 === 1);
      if (lines.some((l) => l.startsWith('error'))) throw new Error(lines.join('\n'));
      const db = await open('publish');
      try {
        await checkSound(db);
        const states = await rows<{ id: number; status: string; publishedAt: unknown; awards: number; decided: number; published: number }>(
          db,
          sql`SELECT r.id, r.status, r.published_at AS "publishedAt",
             (SELECT count(*) FROM awards a WHERE a.round_id = r.id) AS awards,
             (SELECT count(*) FROM audit_events e WHERE e.entity_type = 'round' AND e.entity_id = r.id AND e.action = 'round.decided') AS decided,
             (SELECT count(*) FROM audit_events e WHERE e.entity_type = 'round' AND e.entity_id = r.id AND e.action = 'round.published') AS published
           FROM rounds r WHERE r.slug LIKE 'crash-%'`,
        );
        expect(states).toHaveLength(ROUNDS);
        for (const s of states) {
          if (s.status === 'reviewing') expect(s).toMatchObject({ awards: 0, decided: 0, published: 0, publishedAt: null });
          else if (s.status === 'decided') expect(s).toMatchObject({ awards: APPROVED_PER_ROUND, decided: 1, published: 0, publishedAt: null });
          else {
            expect(s).toMatchObject({ status: 'published', awards: APPROVED_PER_ROUND, decided: 1, published: 1 });
            expect(s.publishedAt).not.toBeNull();
          }
        }
      } finally {
        await closeDatabase(db);
      }
      if (killedInStep(lines)) killedMidway++;
    }
    const db = await open('publish');
    const done = await countOf(db, sql`rounds WHERE slug LIKE 'crash-%' AND status = 'published'`);
    await closeDatabase(db);
    console.log(`crash/publish (${ENGINE}): ${ITERATIONS} SIGKILLs, ${done} of ${ROUNDS} rounds of ${APPROVED_PER_ROUND} awards published, ${killedMidway} kills inside a decide-and-publish`);
    expect(done).toBeGreaterThan(0);
  }, TEST_TIMEOUT);
});
