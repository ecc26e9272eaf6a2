// The round's rules where the work happens, the office's progress per unit, and the list's search, order
// and export: counts that match the lists they link to, inside the actor's scope.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { nominations, roundQuotas, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { exportNominationList, getNominationTimeline, latestReturn, listNominations } from './nominations';
import { getRoundRules, listRoundsInProgress, PROGRESS_STATUSES, roundProgress, ROUNDS_IN_PROGRESS_PAGE } from './progress';
import { first } from '@/db/query';

let db: DB;
let officer: Actor;
let reviewer: Actor;
let roundId: number;
const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  officer = await byName('officer');
  reviewer = await byName('reviewer');
  roundId = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
});

describe('the round rules where the work happens', () => {
  it('gives criteria, the deadline with days left, and the officer unit quota with its use', async () => {
    const tanPhong = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong'))))!.id;
    await db.insert(roundQuotas).values({ roundId, unitId: tanPhong, collectives: 3, individuals: 5 }).onConflictDoNothing();
    const closes = (await first(db.select({ c: rounds.windowClosesAt }).from(rounds).where(eq(rounds.id, roundId))))!.c!;
    const now = new Date(closes.getTime() - 3 * 86_400_000);
    const rules = await getRoundRules(officer, roundId, now);
    expect(rules.criteria.length).toBeGreaterThan(0);
    expect(rules.daysLeft).toBe(3);
    const q = rules.unitQuotas.find((u) => u.unitId === tanPhong && u.kind === 'individual')!;
    expect(q.quota).toBe((await first(db.select({ i: roundQuotas.individuals }).from(roundQuotas).where(and(eq(roundQuotas.roundId, roundId), eq(roundQuotas.unitId, tanPhong)))))!.i);
    const running = (await listNominations(officer, { roundId, kind: 'individual', pageSize: 100 })).items.filter((n) => ['submitted', 'checked', 'approved'].includes(n.status));
    expect(q.nominated).toBe(running.length);
    // Another ward's quota is not the officer's business.
    expect(rules.unitQuotas.every((u) => u.unit === 'Phường Tân Phong' || !u.unit.startsWith('Phường'))).toBe(true);
  });
});

describe('progress per unit', () => {
  it("every count equals the total of the list it links to (the office's view)", async () => {
    const { rows, totals } = await roundProgress(reviewer, roundId);
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) {
      for (const s of PROGRESS_STATUSES) {
        expect((await listNominations(reviewer, { roundId, unitId: r.unitId, status: s })).total, `${r.unit} ${s}`).toBe(r.counts[s]);
      }
      expect((await listNominations(reviewer, { roundId, unitId: r.unitId })).total).toBe(r.total);
    }
    expect(totals.total).toBe((await listNominations(reviewer, { roundId })).total);
  });

  it("an officer sees only their own subtree's rows", async () => {
    const { rows, totals } = await roundProgress(officer, roundId);
    expect(rows.length).toBeGreaterThan(0);
    expect(totals.total).toBe((await listNominations(officer, { roundId })).total);
    expect((await Promise.all(rows.map(async (r) => (await listNominations(officer, { roundId, unitId: r.unitId })).total === r.total))).every(Boolean)).toBe(true);
  });
});

describe('the nominations list: search, order, export', () => {
  it('finds a name typed without diacritics (đ too), inside the scope only', async () => {
    const some = (await first(db.select({ id: nominations.id }).from(nominations).where(eq(nominations.roundId, roundId)).limit(1)))!;
    const name = (await listNominations(reviewer, { roundId, pageSize: 100 })).items.find((n) => n.id === some.id)!.nomineeName;
    const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toUpperCase();
    const found = await listNominations(reviewer, { q: plain });
    expect(found.items.map((n) => n.nomineeName)).toContain(name);
    expect(found.items.every((n) => n.nomineeName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toUpperCase().includes(plain))).toBe(true);
    const mine = (await listNominations(officer, { q: plain, pageSize: 100 })).items.map((n) => n.id);
    const allowed = new Set((await listNominations(officer, { pageSize: 100, sort: 'name' })).items.map((n) => n.id));
    expect(mine.every((id) => allowed.has(id))).toBe(true);
    expect((await listNominations(reviewer, { q: '%' })).total).toBe(0);
  });

  it('orders by name and by status (returned first), and the export holds the same rows in the same order', async () => {
    const byName = (await listNominations(reviewer, { roundId, sort: 'name', pageSize: 100 })).items.map((n) => n.nomineeName);
    const folded = byName.map((n) => n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase());
    expect(folded).toEqual([...folded].sort());
    const byStatus = (await listNominations(reviewer, { roundId, sort: 'status', pageSize: 100 })).items;
    expect(byStatus[0].status).toBe('returned');
    const all = await exportNominationList(reviewer, { roundId, sort: 'name' });
    expect(all.length).toBe((await listNominations(reviewer, { roundId })).total);
    expect(all.slice(0, byName.length).map((n) => n.nomineeName)).toEqual(byName);
    expect((await exportNominationList(officer, {})).length).toBe((await listNominations(officer, {})).total);
  });
});

describe('the history of a returned nomination', () => {
  it('tells the return reason once, in the event, and puts the latest reason on top', async () => {
    const returned = (await listNominations(officer, { roundId, status: 'returned' })).items[0];
    const timeline = await getNominationTimeline(officer, returned.id);
    const ret = timeline.filter((e) => e.action === 'nomination.return');
    expect(ret).toHaveLength(1);
    const reason = (ret[0].after as { reason: string }).reason;
    expect(timeline.filter((e) => e.body === reason)).toHaveLength(0);
    expect(await latestReturn(officer, returned.id)).toMatchObject({ reason });
    const submitted = (await listNominations(officer, { roundId, status: 'submitted' })).items[0];
    expect(await latestReturn(officer, submitted.id)).toBeNull();
  });
});

describe('the rounds in progress on the dashboard', () => {
  it('come a page at a time, newest first, each in the scope of the actor', async () => {
    const before = await listRoundsInProgress(reviewer);
    // A national office's hundreds of rounds in progress, here 12 more: 11 of the district, one of a ward.
    const added = await db
      .insert(rounds)
      .values(Array.from({ length: 12 }, (_, i) => ({ slug: `paged-${i}`, title: `Đợt ${i}`, theme: 't', period: '2026', authority: 'a', awardForm: 'Giấy khen', unitId: i === 11 ? officer.unitId : reviewer.unitId, status: i % 2 ? ('open' as const) : ('reviewing' as const) })))
      .returning({ id: rounds.id });
    try {
      const total = before.total + 12;
      const page1 = await listRoundsInProgress(reviewer);
      expect(page1.rounds).toHaveLength(ROUNDS_IN_PROGRESS_PAGE);
      expect(page1.total).toBe(total);
      expect(page1.pageCount).toBe(Math.ceil(total / ROUNDS_IN_PROGRESS_PAGE));
      expect(page1.rounds.map((r) => r.id)).toEqual(added.map((a) => a.id).reverse().slice(0, ROUNDS_IN_PROGRESS_PAGE));
      // Every page together: each round once, newest first; a page past the end shows the last.
      const all: number[] = [];
      for (let page = 1; page <= page1.pageCount; page++) all.push(...(await listRoundsInProgress(reviewer, { page })).rounds.map((r) => r.id));
      expect(all).toHaveLength(total);
      expect([...all].sort((a, b) => b - a)).toEqual(all);
      const last = await listRoundsInProgress(reviewer, { page: 999 });
      expect(last.page).toBe(page1.pageCount);
      expect(last.rounds.map((r) => r.id)).toEqual(all.slice((page1.pageCount - 1) * ROUNDS_IN_PROGRESS_PAGE));
      // The ward's round: its officer sees it, another ward's officer and another district's office do not.
      const sees = async (a: Actor) => (await listRoundsInProgress(a, { pageSize: 1000 })).rounds.map((r) => r.id);
      expect(await sees(officer)).toContain(added[11].id);
      expect(await sees(await byName('officer2'))).not.toContain(added[11].id);
      expect((await sees(await byName('tanmyloi.reviewer'))).filter((id) => added.some((a) => a.id === id))).toEqual([]);
      expect(await listRoundsInProgress(null)).toEqual({ rounds: [], total: 0, page: 1, pageCount: 0 });
      // One round alone (the dashboard's `?round=`), and nothing for a round that is not the actor's.
      expect((await listRoundsInProgress(reviewer, { only: added[3].id })).rounds.map((r) => r.id)).toEqual([added[3].id]);
      expect((await listRoundsInProgress(await byName('officer2'), { only: added[11].id })).rounds).toEqual([]);
    } finally {
      await db.delete(rounds).where(inArray(rounds.id, added.map((a) => a.id)));
    }
  });
});
