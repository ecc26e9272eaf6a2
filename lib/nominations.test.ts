// Data-layer scoping: whatever the query, an officer never receives a nomination outside their subtree.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { NOMINATION_STATUSES, NOMINEE_KINDS, nominations, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import type { DB } from '@/db/connection';
import { getNomination, listFilterUnits, listNominations, type NominationFilter } from './nominations';
import { countRounds, listRoundOptions, listRounds } from './rounds';
import { createRound } from './workflow';
import { loadActor } from './users';
import type { Actor } from './policy';
import { first } from '@/db/query';

let db: DB;
let officer: Actor;
let officer2: Actor;
let reviewer: Actor;
let tanHungIds: number[];
let tanPhongIds: number[];

async function actorOf(username: string): Promise<Actor> {
  const u = (await first(db.select({ id: users.id }).from(users).where(eq(users.username, username))))!;
  return (await loadActor(u.id))!;
}

async function idsUnder(unitName: string): Promise<number[]> {
  const unit = (await first(db.select({ path: units.path }).from(units).where(eq(units.name, unitName))))!;
  return (await db
    .select({ id: nominations.id })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(like(units.path, `${unit.path}%`)))
    .map((r) => r.id);
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  officer = await actorOf('officer');
  officer2 = await actorOf('officer2');
  reviewer = await actorOf('reviewer');
  tanHungIds = await idsUnder('Phường Tân Hưng');
  tanPhongIds = await idsUnder('Phường Tân Phong');
});

describe('nomination scoping', () => {
  it('has nominations on both sides to test with', () => {
    expect(tanHungIds.length).toBeGreaterThan(0);
    expect(tanPhongIds.length).toBeGreaterThan(0);
  });

  it('the officer of Tân Phong never receives a Tân Hưng nomination, whatever the filter', async () => {
    const roundIds = (await db.select({ id: rounds.id }).from(rounds)).map((r) => r.id);
    const unitIds = (await db.select({ id: units.id }).from(units)).map((r) => r.id);
    const filters: NominationFilter[] = [
      {},
      ...roundIds.map((roundId) => ({ roundId })),
      ...NOMINATION_STATUSES.map((status) => ({ status })),
      ...NOMINEE_KINDS.map((kind) => ({ kind })),
      ...unitIds.map((unitId) => ({ unitId })),
      { pageSize: 100_000 },
      { page: -5 },
      { page: 2, pageSize: 1 },
    ];
    const seen = new Set<number>();
    for (const f of filters) {
      let page = 1;
      for (;;) {
        const res = await listNominations(officer, { ...f, page: f.page ?? page });
        for (const item of res.items) {
          expect(tanHungIds).not.toContain(item.id);
          seen.add(item.id);
        }
        if (f.page !== undefined || page >= res.pageCount) break;
        page++;
      }
    }
    // …and sees exactly its own subtree.
    expect([...seen].sort((a, b) => a - b)).toEqual([...tanPhongIds].sort((a, b) => a - b));
  });

  it('a Tân Hưng nomination read by id is not found for the Tân Phong officer', async () => {
    for (const id of tanHungIds) await expect(getNomination(officer, id)).rejects.toThrowError('not_found');
    for (const id of tanPhongIds) expect((await getNomination(officer, id)).id).toBe(id);
    for (const id of tanPhongIds) await expect(getNomination(officer2, id)).rejects.toThrowError('not_found');
  });

  it('missing and malformed ids read as not found', async () => {
    for (const id of [0, -1, 1e12, Number.NaN, 2 ** 60]) await expect(getNomination(reviewer, id)).rejects.toThrowError('not_found');
  });

  it("the office sees every nomination of its own authority's rounds, none of the neighbouring ward's", async () => {
    const neighbour = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.neighbour))))!.id;
    const all = await db.select({ id: nominations.id, roundId: nominations.roundId }).from(nominations);
    expect((await listNominations(reviewer)).total).toBe(all.filter((n) => n.roundId !== neighbour).length);
    expect((await listNominations(reviewer, { roundId: neighbour })).total).toBe(0);
    expect((await listNominations(reviewer, { roundId: neighbour, status: 'submitted', kind: 'individual' })).items).toEqual([]);
    // One of its own rounds: exactly that round's nominations, newest first.
    const own = all.find((n) => n.roundId !== neighbour)!.roundId;
    const ids = all.filter((n) => n.roundId === own).map((n) => n.id).sort((a, b) => b - a);
    const listed = await listNominations(reviewer, { roundId: own, pageSize: 100 });
    expect(listed.total).toBe(ids.length);
    expect(listed.items.map((i) => i.id)).toEqual(ids.slice(0, 100));
  });

  it('keyset pages (after/before cursors) are the pages by number, newest first', async () => {
    const byNumber: number[][] = [];
    const first = await listNominations(reviewer, { pageSize: 10 });
    for (let page = 1; page <= first.pageCount; page++) byNumber.push((await listNominations(reviewer, { pageSize: 10, page })).items.map((i) => i.id));
    const all = byNumber.flat();
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(all.length).toBe(first.total);
    // Each once: pages past the middle are read from the oldest end (lib/nominations.ts), and meet the others exactly.
    expect(new Set(all).size).toBe(all.length);
    expect(byNumber.at(-1)!.length).toBe(first.total - (first.pageCount - 1) * 10);
    expect((await listNominations(reviewer, { pageSize: 10, page: first.pageCount + 1 })).items).toEqual([]);
    // Forward through the "next" links…
    let page = first;
    for (let n = 2; n <= first.pageCount; n++) {
      page = await listNominations(reviewer, { pageSize: 10, page: n, after: page.items.at(-1)!.id });
      expect(page.items.map((i) => i.id)).toEqual(byNumber[n - 1]);
    }
    // …and back through the "previous" ones.
    for (let n = first.pageCount - 1; n >= 1; n--) {
      page = await listNominations(reviewer, { pageSize: 10, page: n, before: page.items[0].id });
      expect(page.items.map((i) => i.id)).toEqual(byNumber[n - 1]);
    }
  });

  it('the unit filter takes the unit with its subtree', async () => {
    const ward = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong'))))!;
    const ids = (await listNominations(reviewer, { unitId: ward.id, pageSize: 100 })).items.map((i) => i.id);
    expect(ids.sort((a, b) => a - b)).toEqual([...tanPhongIds].sort((a, b) => a - b));
  });

  it('the unit filter offers only units in scope', async () => {
    const names = (await listFilterUnits(officer)).map((u) => u.name);
    expect(names).toContain('Phường Tân Phong');
    expect(names.some((n) => n.includes('Tân Hưng'))).toBe(false);
    expect(await listFilterUnits(null)).toEqual([]);
  });

  it('the rounds filter offers a new round at once, and renamed rounds by their new title (read until the next write)', async () => {
    const admin = await actorOf('admin');
    const before = await listRoundOptions(reviewer);
    expect(await listRoundOptions(reviewer)).toEqual(before);
    const { id } = await createRound(admin, { title: 'Đợt thử bộ lọc', theme: 'Thử', period: '2026', authority: 'UBND Quận 7', awardForm: 'Giấy khen', criteria: 'Thử', windowOpensAt: null, windowClosesAt: null, quotaCollectives: null, quotaIndividuals: null, consultation: false, consultationDays: null });
    expect((await listRoundOptions(reviewer)).map((r) => r.title)).toContain('Đợt thử bộ lọc');
    await db.update(rounds).set({ title: 'Đợt thử bộ lọc (đổi tên)' }).where(eq(rounds.id, id));
    expect((await listRoundOptions(reviewer)).find((r) => r.id === id)?.title).toBe('Đợt thử bộ lọc (đổi tên)');
  });

  it('round counts are scoped too', async () => {
    const mine = (await listRounds(officer)).items.reduce((s, r) => s + r.nominations, 0);
    expect(mine).toBe(tanPhongIds.length);
  });

  it('anonymous, role-less, deactivated and stale-session users see nothing', async () => {
    expect((await listNominations(null)).items).toEqual([]);
    await expect(getNomination(null, tanPhongIds[0])).rejects.toThrowError('not_found');
    expect((await listNominations({ ...officer, roles: [] })).total).toBe(0);
    expect((await listRounds(null)).items).toEqual([]);
    expect(await countRounds(null)).toBe(0);
    const id = officer.id;
    expect(await loadActor(id, 999)).toBeNull();
    await db.update(users).set({ active: false }).where(eq(users.id, id));
    expect(await loadActor(id)).toBeNull();
    await db.update(users).set({ active: true }).where(eq(users.id, id));
    expect((await loadActor(id))?.username).toBe('officer');
  });
});

describe("the approver's badge", () => {
  it('counts only checked nominations the council can vote on now (rounds in review), not those of open rounds', async () => {
    const { inboxCounts } = await import('./nominations');
    const { transitionRound } = await import('./workflow');
    const { and: both, count: n } = await import('drizzle-orm');
    const approver = await actorOf('approver');
    const open = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
    const checked = async () => (await first(db.select({ n: n() }).from(nominations).where(both(eq(nominations.roundId, open), eq(nominations.status, 'checked')))))!.n;
    expect(await checked()).toBeGreaterThan(0);
    expect((await inboxCounts(approver)).checked).toBe(0);
    const drafts = (await first(db.select({ n: n() }).from(nominations).where(both(eq(nominations.roundId, open), eq(nominations.status, 'draft')))))!.n;
    await transitionRound(await actorOf('admin'), open, 'reviewing', new Date(), { draftsLeftBehind: drafts });
    expect((await inboxCounts(approver)).checked).toBe(await checked());
  });
});
