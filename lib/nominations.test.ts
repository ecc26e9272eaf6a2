// Data-layer scoping: whatever the query, an officer never receives a nomination outside their subtree.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { NOMINATION_STATUSES, NOMINEE_KINDS, nominations, rounds, units, users } from '@/db/schema';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import type { DB } from '@/db/connection';
import { getNomination, listFilterUnits, listNominations, type NominationFilter } from './nominations';
import { listRounds } from './rounds';
import { loadActor } from './users';
import type { Actor } from './policy';

let db: DB;
let officer: Actor;
let officer2: Actor;
let reviewer: Actor;
let tanHungIds: number[];
let tanPhongIds: number[];

function actorOf(username: string): Actor {
  const u = db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()!;
  return loadActor(u.id)!;
}

function idsUnder(unitName: string): number[] {
  const unit = db.select({ path: units.path }).from(units).where(eq(units.name, unitName)).get()!;
  return db
    .select({ id: nominations.id })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(like(units.path, `${unit.path}%`))
    .all()
    .map((r) => r.id);
}

beforeAll(async () => {
  ({ db } = freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  officer = actorOf('officer');
  officer2 = actorOf('officer2');
  reviewer = actorOf('reviewer');
  tanHungIds = idsUnder('Phường Tân Hưng');
  tanPhongIds = idsUnder('Phường Tân Phong');
});

describe('nomination scoping', () => {
  it('has nominations on both sides to test with', () => {
    expect(tanHungIds.length).toBeGreaterThan(0);
    expect(tanPhongIds.length).toBeGreaterThan(0);
  });

  it('the officer of Tân Phong never receives a Tân Hưng nomination, whatever the filter', () => {
    const roundIds = db.select({ id: rounds.id }).from(rounds).all().map((r) => r.id);
    const unitIds = db.select({ id: units.id }).from(units).all().map((r) => r.id);
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
        const res = listNominations(officer, { ...f, page: f.page ?? page });
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

  it('a Tân Hưng nomination read by id is not found for the Tân Phong officer', () => {
    for (const id of tanHungIds) expect(() => getNomination(officer, id)).toThrowError('not_found');
    for (const id of tanPhongIds) expect(getNomination(officer, id).id).toBe(id);
    for (const id of tanPhongIds) expect(() => getNomination(officer2, id)).toThrowError('not_found');
  });

  it('missing and malformed ids read as not found', () => {
    for (const id of [0, -1, 1e12, Number.NaN, 2 ** 60]) expect(() => getNomination(reviewer, id)).toThrowError('not_found');
  });

  it("the office sees every nomination of its own authority's rounds, none of the neighbouring ward's", () => {
    const neighbour = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.neighbour)).get()!.id;
    const all = db.select({ id: nominations.id, roundId: nominations.roundId }).from(nominations).all();
    expect(listNominations(reviewer).total).toBe(all.filter((n) => n.roundId !== neighbour).length);
    expect(listNominations(reviewer, { roundId: neighbour }).total).toBe(0);
  });

  it('keyset pages (after/before cursors) are the pages by number, newest first', () => {
    const byNumber: number[][] = [];
    const first = listNominations(reviewer, { pageSize: 10 });
    for (let page = 1; page <= first.pageCount; page++) byNumber.push(listNominations(reviewer, { pageSize: 10, page }).items.map((i) => i.id));
    const all = byNumber.flat();
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(all.length).toBe(first.total);
    // Forward through the "next" links…
    let page = first;
    for (let n = 2; n <= first.pageCount; n++) {
      page = listNominations(reviewer, { pageSize: 10, page: n, after: page.items.at(-1)!.id });
      expect(page.items.map((i) => i.id)).toEqual(byNumber[n - 1]);
    }
    // …and back through the "previous" ones.
    for (let n = first.pageCount - 1; n >= 1; n--) {
      page = listNominations(reviewer, { pageSize: 10, page: n, before: page.items[0].id });
      expect(page.items.map((i) => i.id)).toEqual(byNumber[n - 1]);
    }
  });

  it('the unit filter takes the unit with its subtree', () => {
    const ward = db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong')).get()!;
    const ids = listNominations(reviewer, { unitId: ward.id, pageSize: 100 }).items.map((i) => i.id);
    expect(ids.sort((a, b) => a - b)).toEqual([...tanPhongIds].sort((a, b) => a - b));
  });

  it('the unit filter offers only units in scope', () => {
    const names = listFilterUnits(officer).map((u) => u.name);
    expect(names).toContain('Phường Tân Phong');
    expect(names.some((n) => n.includes('Tân Hưng'))).toBe(false);
    expect(listFilterUnits(null)).toEqual([]);
  });

  it('round counts are scoped too', () => {
    const mine = listRounds(officer).reduce((s, r) => s + r.nominations, 0);
    expect(mine).toBe(tanPhongIds.length);
  });

  it('anonymous, role-less, deactivated and stale-session users see nothing', () => {
    expect(listNominations(null).items).toEqual([]);
    expect(() => getNomination(null, tanPhongIds[0])).toThrowError('not_found');
    expect(listNominations({ ...officer, roles: [] }).total).toBe(0);
    expect(listRounds(null)).toEqual([]);
    const id = officer.id;
    expect(loadActor(id, 999)).toBeNull();
    db.update(users).set({ active: false }).where(eq(users.id, id)).run();
    expect(loadActor(id)).toBeNull();
    db.update(users).set({ active: true }).where(eq(users.id, id)).run();
    expect(loadActor(id)?.username).toBe('officer');
  });
});

describe("the approver's badge", () => {
  it('counts only checked nominations the council can vote on now (rounds in review), not those of open rounds', async () => {
    const { inboxCounts } = await import('./nominations');
    const { transitionRound } = await import('./workflow');
    const { and: both, count: n } = await import('drizzle-orm');
    const approver = actorOf('approver');
    const open = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open)).get()!.id;
    const checked = () => db.select({ n: n() }).from(nominations).where(both(eq(nominations.roundId, open), eq(nominations.status, 'checked'))).get()!.n;
    expect(checked()).toBeGreaterThan(0);
    expect(inboxCounts(approver).checked).toBe(0);
    const drafts = db.select({ n: n() }).from(nominations).where(both(eq(nominations.roundId, open), eq(nominations.status, 'draft'))).get()!.n;
    transitionRound(actorOf('admin'), open, 'reviewing', new Date(), { draftsLeftBehind: drafts });
    expect(inboxCounts(approver).checked).toBe(checked());
  });
});
