// Quotas hold under concurrency: separate processes approving at the same instant against the last
// slots get exactly the quota between them, and the rest a clear quota_exceeded.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { individuals, nominations, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { fold } from './text';
import { countOf, freshDatabase } from '@/tests/db';
import { first } from '@/db/query';
import { bundleWorker } from '@/tests/worker-bundle';

const CONTENDERS = 8;
let db: DB;
let url: string;
let approverId: number;
let roundId: number;
let worker: string;

async function approvedIndividuals(): Promise<number> {
  return (await first(db.select({ n: sql<number>`count(*)` }).from(nominations).where(and(eq(nominations.roundId, roundId), eq(nominations.nomineeKind, 'individual'), eq(nominations.status, 'approved')))))!.n;
}

/** Fresh checked nominations of individuals from a ward without a per-unit quota. */
async function checkedNominations(n: number): Promise<number[]> {
  const ward = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Phú Mỹ'))))!;
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const name = `Người Thử Đua ${Date.now()}-${i}`;
    const p = (await first(db.insert(individuals).values({ fullName: name, nameFolded: fold(name), unitId: ward.id }).returning({ id: individuals.id })))!;
    ids.push((await first(db
      .insert(nominations)
      .values({ roundId, nomineeKind: 'individual', individualId: p.id, unitId: ward.id, summary: 'Thành tích tiêu biểu trong năm.', status: 'checked', submittedBy: null, createdBy: null })
      .returning({ id: nominations.id })))!.id);
  }
  return ids;
}

/** One contender process: `ready` once it has loaded and waits; `go()` starts its approval; `outcome` its result. */
function contender(nominationId: number) {
  const child = spawn(process.execPath, ['--conditions=react-server', worker, String(approverId), String(nominationId)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`contender for nomination ${nominationId} exited early`);
    return line.value;
  };
  const ready = next().then((line) => expect(line).toBe('ready'));
  return {
    ready,
    go: () => child.stdin.end('go\n'),
    stop: () => child.kill(),
    outcome: async (): Promise<{ ok: boolean; code?: string }> => JSON.parse(await next()),
  };
}

/** Every contender loaded and waiting, then all started at the same instant: the approvals really race. */
async function race(ids: number[]): Promise<Array<{ ok: boolean; code?: string }>> {
  const contenders = ids.map(contender);
  try {
    await Promise.all(contenders.map((c) => c.ready));
    for (const c of contenders) c.go();
    return await Promise.all(contenders.map((c) => c.outcome()));
  } finally {
    for (const c of contenders) c.stop();
  }
}

beforeAll(async () => {
  worker = await bundleWorker('tests/quota-race-worker.ts');
  ({ db, url } = await freshDatabase());
  await seedDemo(db);
  approverId = (await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'approver'))))!.id;
  roundId = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
  await db.update(rounds).set({ status: 'reviewing' }).where(eq(rounds.id, roundId));
});

describe('quota race', () => {
  it.each([1, 3])(`${CONTENDERS} concurrent approvals for %i remaining slot(s) give exactly that many`, async (slots) => {
    const already = await approvedIndividuals();
    await db.update(rounds).set({ quotaIndividuals: already + slots }).where(eq(rounds.id, roundId));
    const ids = await checkedNominations(CONTENDERS);
    const approvals = () => countOf(db, sql`audit_events WHERE action = 'nomination.approve'`);
    const auditBefore = await approvals();
    const t0 = Date.now();
    const results = await race(ids);
    const wins = results.filter((r) => r.ok).length;
    console.log(`quota race: ${CONTENDERS} processes, ${slots} slot(s): ${wins} approved, ${results.filter((r) => r.code === 'quota_exceeded').length} quota_exceeded (${Date.now() - t0} ms)`);
    expect(wins).toBe(slots);
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'quota_exceeded')).toBe(true);
    expect(await approvedIndividuals()).toBe(already + slots);
    // One audit event per approval that happened, none for the refused ones.
    expect((await approvals()) - auditBefore).toBe(slots);
    // Eight processes each load the data layer: on a busy 2-core machine that alone took 75 s under tsx.
  }, 180_000);
});
