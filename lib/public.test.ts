// Public unit pages and statistics: published, unrevoked awards only; a unit counts its whole subtree.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { awards, rounds, units } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { filterRoll, firstStatRows, getPublicStats, getPublicUnit, getSearchOptions, listHonouredUnitSlugs, listPublishedAwards, parseRollFilter, rollAreas, rollPage } from './public';
import { first } from '@/db/query';

let db: DB;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
});

describe('statistics', () => {
  it('count published awards by round, unit, kind and gender, without the open round', async () => {
    const s = await getPublicStats();
    expect(s.total).toEqual({ collectives: 90, individuals: 103 });
    expect(s.byRound.map((r) => [r.key, r.collectives, r.individuals])).toEqual([
      [DEMO_SLUGS.published, 70, 78],
      [DEMO_SLUGS.archive, 20, 25],
    ]);
    const sum = (rows: typeof s.byUnit) => rows.reduce((n, r) => n + r.collectives + r.individuals, 0);
    expect(sum(s.byUnit)).toBe(193);
    expect(s.byGender.reduce((n, g) => n + g.count, 0)).toBe(103);
  });

  it('leave out a revoked award', async () => {
    const a = (await first(db.select({ id: awards.id, gender: awards.gender }).from(awards).where(eq(awards.nomineeKind, 'individual'))))!;
    const before = await getPublicStats();
    await db.update(awards).set({ revokedAt: new Date() }).where(eq(awards.id, a.id));
    const after = await getPublicStats();
    expect(after.total.individuals).toBe(before.total.individuals - 1);
    expect(after.byGender.find((g) => g.gender === (a.gender ?? 'unknown'))!.count).toBe(before.byGender.find((g) => g.gender === (a.gender ?? 'unknown'))!.count - 1);
    await db.update(awards).set({ revokedAt: null }).where(eq(awards.id, a.id));
  });
});

describe('unit pages', () => {
  it('a ward shows its own and its sub-units’ honours, newest round first', async () => {
    const u = (await getPublicUnit('phuong-tan-thuan-dong'))!;
    expect(u.name).toBe('Phường Tân Thuận Đông');
    expect(u.parent?.slug).toBe('ubnd-quan-7');
    expect(u.rounds[0].slug).toBe(DEMO_SLUGS.published);
    expect(u.rounds[0].year).toBe(2024);
    expect(u.total).toBe(u.rounds.reduce((n, r) => n + r.awards.length, 0));
    expect(u.children.some((c) => c.slug === 'dang-uy-phuong-tan-thuan-dong')).toBe(true);
    const wardPath = (await first(db.select({ path: units.path }).from(units).where(eq(units.slug, 'phuong-tan-thuan-dong'))))!.path;
    const subtreeUnitSlugs = new Set(u.rounds.flatMap((r) => r.awards.map((a) => a.unitSlug)));
    for (const slug of subtreeUnitSlugs) {
      expect((await first(db.select({ path: units.path }).from(units).where(eq(units.slug, slug))))!.path.startsWith(wardPath)).toBe(true);
    }
  });

  it('an unknown unit is null; units without honours are not listed', async () => {
    expect(await getPublicUnit('khong-co')).toBeNull();
    expect(await getPublicUnit('x'.repeat(500))).toBeNull();
    const slugs = await listHonouredUnitSlugs();
    expect(slugs).toContain('phuong-tan-thuan-dong');
    expect(slugs).toContain('ubnd-quan-7');
  });

  it('the open round stays private everywhere', async () => {
    const open = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!;
    expect(await db.select({ id: awards.id }).from(awards).where(and(eq(awards.roundId, open.id)))).toHaveLength(0);
    expect((await getSearchOptions()).rounds.map((r) => r.slug)).toEqual([DEMO_SLUGS.published, DEMO_SLUGS.archive]);
    expect((await getSearchOptions()).years).toEqual([2024, 2021]);
  });
});

describe("statistics of a nation's thousands of rounds and units", () => {
  const row = (i: number) => ({ key: `k${i}`, label: `Đơn vị ${i}`, collectives: i, individuals: 2 * i });
  it('shows the first rows and sums the others in one, keeping the totals', () => {
    const rows = Array.from({ length: 3550 }, (_, i) => row(i + 1));
    const { shown, others } = firstStatRows(rows, 30);
    expect(shown.map((r) => r.key)).toEqual(rows.slice(0, 30).map((r) => r.key));
    expect(others).toEqual({ key: '', label: '', count: 3520, collectives: 3520 * (31 + 3550) / 2, individuals: 3520 * (31 + 3550) });
    const sum = (k: 'collectives' | 'individuals') => rows.reduce((n, r) => n + r[k], 0);
    expect(shown.reduce((n, r) => n + r.collectives, 0) + others!.collectives).toBe(sum('collectives'));
    expect(shown.reduce((n, r) => n + r.individuals, 0) + others!.individuals).toBe(sum('individuals'));
  });
  it('keeps a district\'s rows as they are', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i));
    expect(firstStatRows(rows, 30)).toEqual({ shown: rows, others: null });
    expect(firstStatRows([], 30)).toEqual({ shown: [], others: null });
  });
});

describe('honour roll pages', () => {
  const roll = Array.from({ length: 450 }, (_, i) => i + 1);
  it.each([
    [undefined, 1, [1, 200]],
    ['2', 2, [201, 400]],
    ['3', 3, [401, 450]],
    ['99', 3, [401, 450]],
    ['0', 1, [1, 200]],
    ['-1', 1, [1, 200]],
    ['abc', 1, [1, 200]],
    [['2', '3'], 1, [1, 200]],
  ])('page %j reads as %i', (asked, page, [first, last]) => {
    const r = rollPage(roll, asked);
    expect(r).toMatchObject({ page, pageCount: 3 });
    expect([r.shown[0], r.shown.at(-1)]).toEqual([first, last]);
  });
  it('a district roll is one page; an empty roll too', () => {
    expect(rollPage(roll.slice(0, 148), undefined)).toMatchObject({ page: 1, pageCount: 1 });
    expect(rollPage([], '2')).toMatchObject({ page: 1, pageCount: 1, shown: [] });
  });
});

describe('unit pages at scale (issue 14 item 9)', () => {
  it('read one page of awards at a time, with totals and per-child counts from SQL', async () => {
    const all = (await getPublicUnit('ubnd-quan-7'))!;
    const size = 50;
    const first = (await getPublicUnit('ubnd-quan-7', 1, size))!;
    expect(first.total).toBe(all.total);
    expect(first.pageCount).toBe(Math.ceil(all.total / size));
    expect(first.children).toEqual(all.children);
    const ids: string[] = [];
    for (let p = 1; p <= first.pageCount; p++) {
      const page = (await getPublicUnit('ubnd-quan-7', p, size))!;
      const onPage = page.rounds.flatMap((r) => r.awards.map((a) => a.id));
      expect(onPage.length).toBeLessThanOrEqual(size);
      ids.push(...onPage);
    }
    // Every award once, in the same order as the whole list (newest round first, then kind and ordinal).
    expect(ids).toEqual(all.rounds.flatMap((r) => r.awards.map((a) => a.id)));
    expect(new Set(ids).size).toBe(all.total);
  });

  it('a page past the end is null (not found, never cached)', async () => {
    const u = (await getPublicUnit('ubnd-quan-7', 1, 50))!;
    expect(await getPublicUnit('ubnd-quan-7', u.pageCount + 1, 50)).toBeNull();
    expect(await getPublicUnit('ubnd-quan-7', 0)).toBeNull();
  });
});

describe('filtering a roll on a phone (?q= a name, ?unit= a ward)', () => {
  const roll = async () => (await listPublishedAwards(DEMO_SLUGS.published))!;

  it('files every entry under its ward or department, listed in Vietnamese order with counts', async () => {
    const entries = await roll();
    const areas = rollAreas(entries);
    expect(areas.reduce((n, a) => n + a.count, 0)).toBe(148);
    expect(areas.map((a) => a.name)).toEqual([...areas.map((a) => a.name)].sort((a, b) => a.localeCompare(b, 'vi')));
    // A Party cell of a quarter is filed under its ward, not under itself.
    const cell = entries.find((a) => a.unit.startsWith('Chi bộ Khu phố') && a.unit.endsWith('Phường Tân Phong'))!;
    expect(cell.areaSlug).toBe('phuong-tan-phong');
    expect(areas.find((a) => a.slug === 'phuong-tan-phong')!.name).toBe('Phường Tân Phong');
  });

  it('finds names without diacritics, đ included, by the start of each word in any order', async () => {
    const entries = [
      { name: 'Nguyễn Văn Đức', areaSlug: 'a' },
      { name: 'Trần Thị Nguyệt', areaSlug: 'a' },
      { name: 'Chi bộ Khu phố 1, Phường Tân Thuận Đông', areaSlug: 'b' },
      { name: 'Lê Vận', areaSlug: 'b' },
    ];
    const names = (q: string, unit: string | null = null) => filterRoll(entries, { q, unit }).map((e) => e.name);
    expect(names('nguyen van')).toEqual(['Nguyễn Văn Đức']);
    expect(names('duc')).toEqual(['Nguyễn Văn Đức']);
    expect(names('ĐỨC nguyễn')).toEqual(['Nguyễn Văn Đức']);
    expect(names('van')).toEqual(['Nguyễn Văn Đức', 'Lê Vận']);
    expect(names('tan thuan dong')).toEqual(['Chi bộ Khu phố 1, Phường Tân Thuận Đông']);
    expect(names('guyen')).toEqual([]);
    expect(names('van', 'b')).toEqual(['Lê Vận']);
    expect(names('', 'a')).toEqual(['Nguyễn Văn Đức', 'Trần Thị Nguyệt']);
    expect(filterRoll(entries, { q: ' ', unit: null })).toBe(entries);
  });

  it('narrows the demo roll to a ward and a name', async () => {
    const entries = await roll();
    const ward = filterRoll(entries, { q: '', unit: 'phuong-tan-phong' });
    expect(ward.length).toBe(rollAreas(entries).find((a) => a.slug === 'phuong-tan-phong')!.count);
    const person = entries.find((a) => a.kind === 'individual')!;
    const found = filterRoll(entries, { q: person.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd'), unit: null });
    expect(found.map((a) => a.id)).toContain(person.id);
    expect(found.every((a) => a.name.split(' ').length >= person.name.split(' ').length - 1)).toBe(true);
  });

  it('reads the URL leniently: long, odd or repeated values never fail', () => {
    expect(parseRollFilter({})).toEqual({ q: '', unit: null });
    expect(parseRollFilter({ q: '  Nguyễn   Văn ', unit: 'phuong-tan-phong' })).toEqual({ q: 'Nguyễn Văn', unit: 'phuong-tan-phong' });
    expect(parseRollFilter({ q: 'x'.repeat(5000) }).q).toHaveLength(100);
    expect(parseRollFilter({ q: ['a', 'b'], unit: ['../etc', 'x'] })).toEqual({ q: 'a', unit: null });
    expect(parseRollFilter({ unit: '<script>' }).unit).toBeNull();
    // NFD input (some phone keyboards) matches NFC names.
    expect(parseRollFilter({ q: 'Nguye\u0302\u0303n' }).q).toBe('Nguyễn');
  });
});
