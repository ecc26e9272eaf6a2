import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { awards, collectives, individuals, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, one, queryPlan, statementsOf, useAsAppDatabase } from '@/tests/db';
import { isPostgresDb } from '@/db/engine';
import { fold } from './text';
import { loadActor } from './users';
import type { Actor } from './policy';
import { getRegistryEntry, listRegistry, mergeRegistryEntries, priorAwardsInTheme, updateCollective } from './registry';
import { first } from '@/db/query';

let db: DB;
let reviewer: Actor;
let officer: Actor;
const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  reviewer = await byName('reviewer');
  officer = await byName('officer');
});

describe('registry', () => {
  it('finds people without diacritics, đ included', async () => {
    const withD = (await first(db.select({ name: individuals.fullName }).from(individuals).where(like(individuals.fullName, '%Đ%'))))!.name;
    const r = await listRegistry(reviewer, 'individual', { q: fold(withD).toUpperCase() });
    expect(r.items.map((i) => i.name)).toContain(withD);
    expect((await listRegistry(reviewer, 'individual', { q: '%' })).total).toBe(0);
    expect((await listRegistry(reviewer, 'individual', { q: '"*NEAR(' })).total).toBe(0);
  });

  it("a search's own % and _ match themselves, on both engines", async () => {
    const unitId = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong'))))!.id;
    await db.insert(collectives).values(['Tổ 5_A', 'Tổ 5BA', 'Chi hội 100% hội viên'].map((name) => ({ name, nameFolded: fold(name), unitId, kind: 'quarter' as const })));
    const names = async (q: string) => (await listRegistry(reviewer, 'collective', { q })).items.map((i) => i.name);
    expect(await names('5_a')).toEqual(['Tổ 5_A']);
    expect(await names('100%')).toEqual(['Chi hội 100% hội viên']);
    expect(await names('5_')).toEqual(['Tổ 5_A']);
  });

  it('counts up to its cap and says "more than" above it, the pages running on past the counted ones', async () => {
    const exact = await listRegistry(reviewer, 'individual');
    expect(exact.total).toBeGreaterThan(30);
    expect(exact.moreThan).toBeUndefined();
    const capped = await listRegistry(reviewer, 'individual', {}, { countMax: 5 });
    expect([capped.total, capped.moreThan, capped.pageCount]).toEqual([5, true, 1]);
    expect(capped.items.map((i) => i.id)).toEqual(exact.items.map((i) => i.id));
    expect((await listRegistry(reviewer, 'individual', { page: 2 }, { countMax: 5 })).items.map((i) => i.id)).toEqual((await listRegistry(reviewer, 'individual', { page: 2 })).items.map((i) => i.id));
    // A search is counted the same way.
    const searched = await listRegistry(reviewer, 'individual', { q: 'nguyen' });
    expect(searched.total).toBeGreaterThan(2);
    expect(await listRegistry(reviewer, 'individual', { q: 'nguyen' }, { countMax: 2 })).toMatchObject({ total: 2, moreThan: true, items: searched.items });
    expect((await listRegistry(reviewer, 'individual', { q: 'nguyen' }, { countMax: searched.total })).moreThan).toBeUndefined();
  });

  it("a search's page reads the names found, in order, never every name from the first one (PostgreSQL: by trigram)", async () => {
    // The statement listRegistry sends for its page, as sent, then its plan.
    const page = (await statementsOf(db, () => listRegistry(reviewer, 'individual', { q: 'nguyen van' }))).findLast((st) => /order by/i.test(st.text));
    expect(page).toBeDefined();
    const plan = await queryPlan(db, page!.text, page!.params);
    if (isPostgresDb(db)) {
      // Walking the name index from "a" read a nation's million names for two words nobody has (1.05 s).
      expect(plan).not.toMatch(/Index Scan using individuals_folded on individuals/);
      // The names found are sorted (at a nation's scale they come through their trigram index, migration 0008).
      expect(plan).toMatch(/Sort Key: \(\(individuals\.name_folded \|\| ''::text\)\)/);
    } else {
      // No index holds a word inside a name: the order stays the name index's, which SQLite may walk and stop at the page.
      expect(page!.text).toMatch(/order by "individuals"\."name_folded", "individuals"\."id"/);
      expect(plan).not.toMatch(/SCAN individuals\b(?! USING)/);
    }
  });

  it('an officer sees only their subtree', async () => {
    const tanHung = (await first(db.select({ path: units.path }).from(units).where(eq(units.name, 'Phường Tân Hưng'))))!.path;
    const outside = (await first(db.select({ id: individuals.id }).from(individuals).innerJoin(units, eq(units.id, individuals.unitId)).where(like(units.path, `${tanHung}%`))))!;
    await expect(getRegistryEntry(officer, 'individual', outside.id)).rejects.toThrowError('not_found');
    const all = await listRegistry(officer, 'individual', { page: 1 });
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((i) => !i.unit.includes('Tân Hưng'))).toBe(true);
  });

  it('a person honoured in two rounds shows both, the archive one marked', async () => {
    const shared = (await one<{ id: number }>(db, sql`SELECT a.individual_id AS id FROM awards a JOIN awards b ON a.individual_id = b.individual_id AND a.round_id <> b.round_id LIMIT 1`))!;
    const entry = await getRegistryEntry(reviewer, 'individual', shared.id);
    expect(entry.history).toHaveLength(2);
    expect(entry.history.map((h) => h.source).sort()).toEqual(['archive', 'workflow']);
  });

  it('warns of an award in the same theme within two years, and only then', async () => {
    const roundA = (await first(db.select({ id: rounds.id, theme: rounds.theme }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.published))))!;
    const roundC = (await first(db.select({ id: rounds.id, theme: rounds.theme }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!;
    expect(roundC.theme).toBe(roundA.theme);
    const award = (await first(db.select({ individualId: awards.individualId }).from(awards).where(and(eq(awards.roundId, roundA.id), eq(awards.nomineeKind, 'individual')))))!;
    const nominee = { individualId: award.individualId, collectiveId: null };
    expect(await priorAwardsInTheme(nominee, roundC.theme, roundC.id, new Date('2025-06-01'))).toHaveLength(1);
    expect(await priorAwardsInTheme(nominee, roundC.theme, roundC.id, new Date('2026-11-25'))).toHaveLength(0);
    expect(await priorAwardsInTheme(nominee, 'Chuyên đề khác', roundC.id, new Date('2025-06-01'))).toHaveLength(0);
  });

  it('merging a duplicate keeps both histories and only admins may do it', async () => {
    // Two different people, each honoured in one round only.
    const only = async (slug: string, other: string) =>
      (await one<{ id: number }>(db, sql`SELECT a.individual_id AS id FROM awards a JOIN rounds r ON r.id = a.round_id
        WHERE r.slug = ${slug} AND a.individual_id NOT IN (SELECT b.individual_id FROM awards b JOIN rounds r2 ON r2.id = b.round_id WHERE r2.slug = ${other} AND b.individual_id IS NOT NULL) LIMIT 1`))!;
    const a = { id: (await only(DEMO_SLUGS.published, DEMO_SLUGS.archive)).id, round: 'A' };
    const b = { id: (await only(DEMO_SLUGS.archive, DEMO_SLUGS.published)).id, round: 'B' };
    expect(a.round).not.toBe(b.round);
    await expect(mergeRegistryEntries(reviewer, 'individual', a.id!, b.id!)).rejects.toThrowError('forbidden');
    const admin = await byName('admin');
    const before = (await getRegistryEntry(admin, 'individual', a.id!)).history.length + (await getRegistryEntry(admin, 'individual', b.id!)).history.length;
    // The list's total (remembered until a write) counts the merged duplicate out at once.
    const listed = (await listRegistry(admin, 'individual')).total;
    expect((await listRegistry(admin, 'individual')).total).toBe(listed);
    await mergeRegistryEntries(admin, 'individual', a.id!, b.id!);
    expect((await listRegistry(admin, 'individual')).total).toBe(listed - 1);
    expect((await getRegistryEntry(admin, 'individual', a.id!)).history).toHaveLength(before);
    expect((await first(db.select({ m: individuals.mergedIntoId }).from(individuals).where(eq(individuals.id, b.id!))))!.m).toBe(a.id);
    await expect(mergeRegistryEntries(admin, 'individual', a.id!, b.id!)).rejects.toThrowError('not_found');
  });

  it('filters by unit subtree, and collectives are edited within scope only', async () => {
    const tanHung = (await first(db.select({ id: units.id, path: units.path }).from(units).where(eq(units.name, 'Phường Tân Hưng'))))!;
    const r = await listRegistry(reviewer, 'collective', { unitId: tanHung.id });
    expect(r.total).toBeGreaterThan(0);
    for (const item of r.items) expect(item.unit).toMatch(/Tân Hưng/);
    await expect(updateCollective(officer, r.items[0].id, { name: 'Tên mới' })).rejects.toThrowError('not_found');
    await updateCollective(await byName('officer2'), r.items[0].id, { name: '  Tổ  dân phố  mẫu  ' });
    expect((await getRegistryEntry(reviewer, 'collective', r.items[0].id)).name).toBe('Tổ dân phố mẫu');
  });
});
