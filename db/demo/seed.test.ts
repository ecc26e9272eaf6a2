// The demo data's invariants: the counts the district announced, every state present, deterministic.
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '@node-rs/argon2';
import { and, asc, eq, sql } from 'drizzle-orm';
import { auditEvents, awards, individuals, nominations, rounds, units, userRoles, users, NOMINATION_STATUSES } from '@/db/tables';
import type { DB } from '@/db/connection';
import { countOf, freshDatabase } from '@/tests/db';
import { DEMO_PASSWORD, DEMO_SLUGS, seedDemo } from './index';
import { hashFinalList, snapshotEntries, standingSignoff } from '@/lib/final-list';
import { first } from '@/db/query';

let db: DB;
const roundId = async (slug: string) => (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug))))!.id;
const tableCounts = async (d: DB) =>
  Object.fromEntries(
    await Promise.all(['units', 'users', 'individuals', 'collectives', 'rounds', 'nominations', 'awards', 'audit_events'].map(async (t) => [t, await countOf(d, sql.raw(t))])),
  );

beforeAll(async () => {
  ({ db } = await freshDatabase());
  expect(await seedDemo(db)).toEqual({ seeded: true });
});

describe('demo seed', () => {
  it('publishes the 2021–2024 round with exactly 70 collectives and 78 individuals', async () => {
    const id = await roundId(DEMO_SLUGS.published);
    const r = (await first(db.select().from(rounds).where(eq(rounds.id, id))))!;
    expect(r).toMatchObject({ status: 'published', source: 'workflow', decisionNumber: '1234/QĐ-UBND', decisionDate: '2024-05-24', authority: 'Chủ tịch UBND Quận 7' });
    for (const [kind, n] of [['collective', 70], ['individual', 78]] as const) {
      const list = await db.select().from(awards).where(and(eq(awards.roundId, id), eq(awards.nomineeKind, kind))).orderBy(asc(awards.ordinal));
      expect(list).toHaveLength(n);
      expect(list.map((a) => a.ordinal)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      const noms = await db.select().from(nominations).where(and(eq(nominations.roundId, id), eq(nominations.nomineeKind, kind)));
      expect(noms).toHaveLength(n);
      expect(noms.every((x) => x.status === 'approved' && x.summary.length > 20)).toBe(true);
    }
  });

  it('the 2021–2024 awards are the signed snapshot: same entries, units, fields and order, and its hash', async () => {
    const id = await roundId(DEMO_SLUGS.published);
    const signed = (await standingSignoff(db, id))!;
    const snapshot = await snapshotEntries(db, signed.id);
    expect(snapshot).toHaveLength(148);
    const title = (await first(db.select({ t: rounds.title }).from(rounds).where(eq(rounds.id, id))))!.t;
    expect(hashFinalList(title, snapshot)).toBe(signed.listHash);
    const list = await db.select().from(awards).where(eq(awards.roundId, id));
    const fromAward = list.map((a) => [a.nomineeKind, a.ordinal, a.nominationId, a.name, a.position, a.unitId, a.unitName, a.gender, a.birthYear, a.partyMember, a.summary]);
    const fromSnapshot = (snapshot).map((e) => [e.kind, e.ordinal, e.nominationId, e.name, e.position, e.unitId, e.unit, e.gender, e.birthYear, e.partyMember, e.summary]);
    expect(fromAward.sort()).toEqual(fromSnapshot.sort());
  });

  it('stores every name in NFC and gives awards unique public ids', async () => {
    const names = (await db.select({ n: individuals.fullName }).from(individuals)).map((r) => r.n);
    expect(names.every((n) => n === n.normalize('NFC'))).toBe(true);
    const ids = (await db.select({ id: awards.publicId }).from(awards)).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(names.some((n) => /[đĐ]/.test(n))).toBe(true);
  });

  it('has an older round recorded from the archive, sharing people with 2021–2024', async () => {
    const r = (await first(db.select().from(rounds).where(eq(rounds.slug, DEMO_SLUGS.archive))))!;
    expect(r).toMatchObject({ status: 'published', source: 'archive' });
    const shared = await countOf(db, sql`awards a JOIN awards b ON a.individual_id = b.individual_id WHERE a.round_id = ${r.id} AND b.round_id = ${await roundId(DEMO_SLUGS.published)}`);
    expect(shared).toBeGreaterThan(0);
  });

  it('has an open round with nominations in every state from both demo wards', async () => {
    const id = await roundId(DEMO_SLUGS.open);
    expect((await first(db.select({ s: rounds.status }).from(rounds).where(eq(rounds.id, id))))!.s).toBe('open');
    const byStatus = await db
      .select({ status: nominations.status, n: sql<number>`count(*)` })
      .from(nominations)
      .where(eq(nominations.roundId, id))
      .groupBy(nominations.status);
    // Every state a nomination reaches in the workflow; withdrawn and excluded are ways out, left to the user.
    for (const s of NOMINATION_STATUSES.filter((x) => x !== 'withdrawn' && x !== 'excluded')) expect(byStatus.find((b) => b.status === s)?.n ?? 0).toBeGreaterThanOrEqual(2);
    const wards = (await db
      .select({ name: units.name })
      .from(nominations)
      .innerJoin(units, eq(units.id, nominations.unitId))
      .where(eq(nominations.roundId, id)))
      .map((r) => r.name);
    expect(wards).toContain('Phường Tân Phong');
    expect(wards).toContain('Phường Tân Hưng');
    expect(await db.select().from(awards).where(eq(awards.roundId, id))).toHaveLength(0);
  });

  it("creates the district's five demo accounts and the neighbouring ward's four, with argon2id hashes", async () => {
    const expected = {
      admin: ['admin', 'Quận 7'], reviewer: ['reviewer', 'Quận 7'], approver: ['approver', 'Quận 7'], officer: ['officer', 'Phường Tân Phong'], officer2: ['officer', 'Phường Tân Hưng'],
      'tanmyloi.admin': ['admin', 'Phường Tân Mỹ Lợi'], 'tanmyloi.reviewer': ['reviewer', 'Phường Tân Mỹ Lợi'], 'tanmyloi.approver': ['approver', 'Phường Tân Mỹ Lợi'], 'tanmyloi.officer': ['officer', 'Phường Tân Mỹ Lợi'],
      'tanphong.admin': ['admin', 'Phường Tân Phong'],
    };
    for (const [username, [role, unitName]] of Object.entries(expected)) {
      const u = (await first(db.select({ id: users.id, hash: users.passwordHash, unit: units.name }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.username, username))))!;
      expect(u.unit).toBe(unitName);
      expect(u.hash.startsWith('$argon2id$')).toBe(true);
      expect(await verify(u.hash, DEMO_PASSWORD)).toBe(true);
      expect((await db.select({ r: userRoles.role }).from(userRoles).where(eq(userRoles.userId, u.id))).map((r) => r.r)).toEqual([role]);
    }
  });

  it('keeps unit paths consistent with parents', async () => {
    const all = await db.select().from(units);
    const byId = new Map(all.map((u) => [u.id, u]));
    for (const u of all) expect(u.path).toBe(`${u.parentId ? byId.get(u.parentId)!.path : '/'}${u.id}/`);
    // District 7's ten wards, and the neighbouring ward with a tree of its own.
    expect(all.filter((u) => u.kind === 'ward')).toHaveLength(11);
    expect(all.filter((u) => u.parentId === null).map((u) => u.name).sort()).toEqual(['Phường Tân Mỹ Lợi', 'Quận 7']);
  });

  it('gives the neighbouring ward its own round in review, inside its own tree', async () => {
    const id = await roundId(DEMO_SLUGS.neighbour);
    const r = (await first(db.select({ status: rounds.status, unit: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, id))))!;
    expect(r.status).toBe('reviewing');
    const paths = await db.select({ p: units.path }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(eq(nominations.roundId, id));
    expect(paths.length).toBe(4);
    expect(paths.every((x) => x.p.startsWith(r.unit))).toBe(true);
  });

  it("proposes part of a ward's decided list up to the district's open round, one returned with a reason", async () => {
    const ward = (await first(db.select({ status: rounds.status, unit: units.name }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.slug, DEMO_SLUGS.ward))))!;
    expect(ward).toEqual({ status: 'decided', unit: 'Phường Tân Phong' });
    const wardAwards = await db.select({ id: awards.id }).from(awards).where(eq(awards.roundId, await roundId(DEMO_SLUGS.ward)));
    expect(wardAwards).toHaveLength(5);
    const up = await db.select({ status: nominations.status, origin: nominations.originAwardId, unit: units.name }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(eq(nominations.roundId, await roundId(DEMO_SLUGS.open)));
    const proposed = up.filter((n) => n.origin !== null);
    expect(proposed.map((n) => n.status).sort()).toEqual(['returned', 'submitted', 'submitted']);
    expect(proposed.every((n) => n.unit === 'Phường Tân Phong' && wardAwards.some((a) => a.id === n.origin))).toBe(true);
  });

  it('writes its audit event and is idempotent', async () => {
    const events = await db.select().from(auditEvents);
    expect(events.at(-1)!.action).toBe('seed.demo');
    expect(events.filter((e) => e.action === 'round.archive_recorded')).toHaveLength(1);
    // Every nomination of the open round has a timeline that ends in its status.
    for (const n of (await db.select().from(nominations).where(eq(nominations.roundId, await roundId(DEMO_SLUGS.open))))) {
      const timeline = events.filter((e) => e.entityType === 'nomination' && e.entityId === n.id);
      // Created in the round, or proposed up from the ward's decided round.
      expect(timeline[0].action).toBe(n.proposalId ? 'nomination.propose' : 'nomination.create');
      expect((timeline.at(-1)!.after as { status: string }).status).toBe(n.status);
    }
    const before = await tableCounts(db);
    expect(await seedDemo(db)).toEqual({ seeded: false });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('is deterministic', async () => {
    const { db: other } = await freshDatabase();
    await seedDemo(other);
    const names = async (d: DB) => await d.select({ n: individuals.fullName }).from(individuals).orderBy(asc(individuals.id));
    const list = async (d: DB) => await d.select({ id: awards.publicId, name: awards.name, unit: awards.unitName, o: awards.ordinal }).from(awards).orderBy(asc(awards.id));
    expect(await names(other)).toEqual(await names(db));
    expect(await list(other)).toEqual(await list(db));
  });
});
