// The staff list of rounds: a page at a time, in progress first, nominations counted in the actor's scope.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { nominations, ROUND_STATUSES, rounds, units, users, type RoundStatus } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { countRounds, listRounds, listUnitQuotas, ROUNDS_PAGE_SIZE, type StaffRound } from './rounds';
import { UNIT_SELECT_MAX } from './unit-picker';
import { listNominations } from './nominations';
import { loadActor } from './users';
import type { Actor } from './policy';
import { first } from '@/db/query';

let db: DB;
let admin: Actor;
let officer: Actor;
let wardAdmin: Actor;
/** Rounds the district admin sees, in the order the list must keep. */
let expected: Array<{ id: number; status: RoundStatus }>;

const RANK: Record<string, number> = { open: 0, reviewing: 1, draft: 2, decided: 3 };
const inOrder = <T extends { id: number; status: string }>(list: T[]) => [...list].sort((a, b) => (RANK[a.status] ?? 4) - (RANK[b.status] ?? 4) || b.id - a.id);

async function actorOf(username: string): Promise<Actor> {
  return (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, username))))!.id))!;
}

/** Every page of an actor's list, one after another. */
async function allPages(actor: Actor, filter: { status?: RoundStatus; pageSize?: number } = {}): Promise<StaffRound[]> {
  const out: StaffRound[] = [];
  const { pageCount } = await listRounds(actor, filter);
  for (let page = 1; page <= pageCount; page++) out.push(...(await listRounds(actor, { ...filter, page })).items);
  return out;
}

/** Nominations of a round in the district office's scope: every one of a round its subtree runs. */
async function nominationsOf(roundId: number): Promise<number> {
  return (await db.select({ id: nominations.id }).from(nominations).where(eq(nominations.roundId, roundId))).length;
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  admin = await actorOf('admin');
  officer = await actorOf('officer');
  wardAdmin = await actorOf('tanmyloi.admin');
  // 130 more rounds of the district, of every status: three pages of 50.
  const district = (await first(db.select({ id: units.id }).from(units).where(eq(units.path, admin.unitPath))))!.id;
  await db.insert(rounds).values(Array.from({ length: 130 }, (_, i) => ({
    slug: `dot-thu-trang-${i}`, title: `Đợt thử trang ${i}`, theme: 'Thử', period: '2026', authority: 'UBND Quận 7', awardForm: 'Giấy khen',
    unitId: district, status: ROUND_STATUSES[i % ROUND_STATUSES.length],
  })));
  const all = await db.select({ id: rounds.id, status: rounds.status, path: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId));
  expected = inOrder(all.filter((r) => r.path.startsWith(admin.unitPath))).map(({ id, status }) => ({ id, status }));
});

describe('listRounds', () => {
  it('pages 50 at a time, in progress first and newest first within, every round once', async () => {
    expect(expected.length).toBeGreaterThan(2 * ROUNDS_PAGE_SIZE);
    const first = await listRounds(admin);
    expect(first).toMatchObject({ page: 1, pageSize: ROUNDS_PAGE_SIZE, total: expected.length, pageCount: Math.ceil(expected.length / ROUNDS_PAGE_SIZE) });
    expect(first.items).toHaveLength(ROUNDS_PAGE_SIZE);
    const last = await listRounds(admin, { page: first.pageCount });
    expect(last.items).toHaveLength(expected.length - (first.pageCount - 1) * ROUNDS_PAGE_SIZE);
    expect((await allPages(admin)).map((r) => ({ id: r.id, status: r.status }))).toEqual(expected);
    expect(first.items[0].status).toBe('open');
  });

  it('counts the nominations of each round on the page, on every page', async () => {
    const withNominations = new Set((await db.selectDistinct({ id: nominations.roundId }).from(nominations)).map((r) => r.id));
    const listed = await allPages(admin);
    expect(listed.filter((r) => withNominations.has(r.id)).length).toBeGreaterThan(1);
    for (const r of listed) expect(r.nominations, r.title).toBe(await nominationsOf(r.id));
    // The demo's decided and published rounds come after the new ones of their status: counted on a later page.
    const later = await listRounds(admin, { page: 3 });
    expect(later.items.some((r) => r.nominations > 0)).toBe(true);
  });

  it('counts what the nominations list shows the actor for each round, whatever the mix of roles', async () => {
    const actors = [admin, officer, wardAdmin, { ...wardAdmin, roles: ['admin', 'officer'] }, { ...officer, roles: ['reviewer', 'officer'] }] as Actor[];
    for (const actor of actors) {
      const listed = await allPages(actor);
      expect(listed.length).toBeGreaterThan(0);
      for (const r of listed) expect(r.nominations, `${actor.roles} ${r.title}`).toBe((await listNominations(actor, { roundId: r.id, pageSize: 1 })).total);
    }
  });

  it('counts only what the actor may see: an officer, the nominations of their own ward', async () => {
    const ward = officer.unitPath;
    const everywhere = (await db.select({ id: nominations.id }).from(nominations)).length;
    const listed = await allPages(officer);
    const inWard = await db.select({ roundId: nominations.roundId, path: units.path }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(inArray(nominations.roundId, listed.map((r) => r.id)));
    for (const r of listed) expect(r.nominations).toBe(inWard.filter((n) => n.roundId === r.id && n.path.startsWith(ward)).length);
    expect(listed.reduce((s, r) => s + r.nominations, 0)).toBeGreaterThan(0);
    expect(listed.reduce((s, r) => s + r.nominations, 0)).toBeLessThan(everywhere);
  });

  it('reads a page past the last as the last, and a page below 1 or not a number as the first', async () => {
    const { pageCount, items: lastItems } = await listRounds(admin, { page: (await listRounds(admin)).pageCount });
    const beyond = await listRounds(admin, { page: 999 });
    expect(beyond.page).toBe(pageCount);
    expect(beyond.items.map((r) => r.id)).toEqual(lastItems.map((r) => r.id));
    for (const page of [0, -3, Number.NaN, 1.5]) {
      const p = await listRounds(admin, { page });
      expect(p.page).toBe(1);
      expect(p.items[0].id).toBe(expected[0].id);
    }
  });

  it('filters by status, with the total of that status', async () => {
    const decided = await allPages(admin, { status: 'decided' });
    expect(decided.map((r) => r.id)).toEqual(expected.filter((r) => r.status === 'decided').map((r) => r.id));
    expect((await listRounds(admin, { status: 'decided' })).total).toBe(decided.length);
  });

  it('keeps to the actor\'s scope: a ward admin sees none of the district\'s rounds; no one signed in, nothing', async () => {
    const wardRounds = await allPages(wardAdmin);
    expect(wardRounds.length).toBeGreaterThan(0);
    expect(wardRounds.some((r) => expected.some((e) => e.id === r.id))).toBe(false);
    expect(await listRounds(null)).toMatchObject({ items: [], total: 0, pageCount: 0 });
    expect((await listRounds({ ...admin, roles: [] })).items).toEqual([]);
  });
});

describe('countRounds', () => {
  it('is the total of the actor\'s list, without reading it', async () => {
    expect(await countRounds(admin)).toBe(expected.length);
    expect(await countRounds(wardAdmin)).toBe((await listRounds(wardAdmin)).total);
    expect(await countRounds(officer)).toBe((await listRounds(officer)).total);
    expect(await countRounds(null)).toBe(0);
    expect(await countRounds({ ...admin, roles: [] })).toBe(0);
  });
});

describe('listUnitQuotas', () => {
  it('lists the units a quota is set for while they are few; for more (a province’s round) none, and the round’s unit to search under', async () => {
    const district = (await first(db.select({ id: units.id, path: units.path }).from(units).where(eq(units.path, admin.unitPath))))!;
    const round = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.unitId, district.id))))!;
    const few = await listUnitQuotas(admin, round.id);
    expect(few.underUnitId).toBe(district.id);
    expect(few.unitOptions!.map((u) => u.name)).toContain('Phường Tân Phong');
    expect(few.unitOptions!.length).toBeLessThanOrEqual(UNIT_SELECT_MAX);
    for (let i = 1; i <= UNIT_SELECT_MAX; i++) {
      const { id } = (await first(db.insert(units).values({ slug: `phong-thu-${i}`, name: `Phòng thử ${i}`, kind: 'department', parentId: district.id, path: '/' }).returning({ id: units.id })))!;
      await db.update(units).set({ path: `${district.path}${id}/` }).where(eq(units.id, id));
    }
    const many = await listUnitQuotas(admin, round.id);
    expect(many.unitOptions).toBeNull();
    expect(many.underUnitId).toBe(district.id);
  });
});
