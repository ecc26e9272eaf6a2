// Quotas hold under concurrency: separate processes approving at the same instant against the last
// slots get exactly the quota between them, and the rest a clear quota_exceeded.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { individuals, nominations, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { fold } from './text';
import { countOf, freshDatabase } from '@/tests/db';
import { first } from '@/db/query';

const run = promisify(execFile);
const CONTENDERS = 8;
let db: DB;
let url: string;
let approverId: number;
let roundId: number;

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

async function race(ids: number[]): Promise<Array<{ ok: boolean; code?: string }>> {
  const startAt = Date.now() + 2500;
  const tsx = path.resolve('node_modules/.bin/tsx');
  const results = await Promise.all(
    ids.map((id) =>
      run(tsx, ['--conditions=react-server', 'tests/quota-race-worker.ts', String(approverId), String(id), String(startAt)], {
        env: { ...process.env, DATABASE_URL: url },
      }),
    ),
  );
  return results.map((r) => JSON.parse(r.stdout.trim().split('\n').pop()!));
}

beforeAll(async () => {
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
    // Eight processes each load the data layer under tsx: on a busy 2-core machine that alone took 75 s.
  }, 180_000);
});
