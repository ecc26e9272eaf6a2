// Public search: folding (case, diacritics, đ), prefixes, filters, pages, hostile input, and the index
// following publication and revocation inside their transactions.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { awards, rounds, users } from '@/db/schema';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import { revokeAward, transitionRound } from './workflow';
import { rebuildSearchIndex, searchAwards, searchIndexMissing, toMatchExpression } from './search-index';

let db: DB;
let duc: { id: number; publicId: string };
const names = (q: string, f = {}) => searchAwards(db, q, f, 1, 500).hits.map((h) => h.name);

beforeAll(async () => {
  ({ db } = freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  const round = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.published)).get()!;
  duc = db
    .select({ id: awards.id, publicId: awards.publicId })
    .from(awards)
    .where(and(eq(awards.roundId, round.id), eq(awards.nomineeKind, 'individual')))
    .get()!;
  // A name with every trap: two marks on one vowel, đ at the start of a word.
  db.update(awards).set({ name: 'Nguyễn Văn Đức', summary: 'Đạt danh hiệu Chiến sĩ thi đua cơ sở' }).where(eq(awards.id, duc.id)).run();
  rebuildSearchIndex(db);
});

describe('the seed indexes its published rounds', () => {
  it('every unrevoked award of a published round is in the index', () => {
    const n = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM award_search`)!.n;
    expect(n).toBe(148 + 45);
    expect(searchIndexMissing(db)).toBe(false);
  });
});

describe('folding', () => {
  it.each([
    ['nguyen van duc'],
    ['Nguyễn Văn Đức'],
    ['NGUYỄN VĂN ĐỨC'],
    ['Nguye\u0302\u0303n Va\u0306n Đu\u031b\u0301c'], // decomposed (NFD) input
    ['nguyen van đuc'],
    ['đức nguyễn'], // order does not matter
    ['nguy va du'], // prefixes while typing
    ['  nguyen,   van;duc!  '],
  ])('%s finds Nguyễn Văn Đức', (q) => expect(names(q)).toContain('Nguyễn Văn Đức'));

  it.each([['tan thuan dong'], ['Tân Thuận Đông'], ['TAN THUAN ĐONG'], ['tân thuận đ'], ['tan thu']])('%s finds the units of Tân Thuận Đông', (q) => {
    const hits = searchAwards(db, q, {}, 1, 500).hits;
    expect(hits.some((h) => h.unit === 'Phường Tân Thuận Đông')).toBe(true);
  });

  it('ranks the words typed together before the same words scattered', () => {
    const [first] = searchAwards(db, 'tan thuan dong', { kind: 'individual' }).hits;
    expect(first.unit).toContain('Tân Thuận Đông');
  });

  it('finds by position and by summary words', () => {
    expect(searchAwards(db, 'bi thu chi bo').total).toBeGreaterThan(0);
    expect(names('chien si thi dua co so')).toContain('Nguyễn Văn Đức');
  });

  it('does not confuse d and đ words that differ otherwise', () => {
    expect(names('nguyen van ducx')).toEqual([]);
  });
});

describe('hostile and empty queries', () => {
  it.each([
    [''],
    ['   '],
    ['"'],
    ['*'],
    ['-'],
    ['!!!???...'],
    ['"""***'],
    ['()'],
    ['^'],
  ])('%j gives an empty result', (q) => {
    expect(toMatchExpression(q)).toBeNull();
    expect(searchAwards(db, q)).toMatchObject({ total: 0, hits: [] });
  });

  it.each([['NEAR('], ['OR'], ['a OR b'], ['duc NOT van'], ['"nguyen'], ['name:duc'], ['duc*'], ["'; DROP TABLE awards; --"], ['x'.repeat(10_000)], ['đ'.repeat(10_000)], ['\u0000\uFFFF']])(
    '%j is plain text, never an FTS error',
    (q) => {
      expect(() => searchAwards(db, q)).not.toThrow();
      const expr = toMatchExpression(q);
      if (expr) expect(expr).toMatch(/^("[a-z0-9]+"\* ?)+$/);
    },
  );

  it('caps long queries', () => {
    expect(toMatchExpression('abc '.repeat(5000))!.split(' ')).toHaveLength(8);
    expect(toMatchExpression('x'.repeat(10_000))!.length).toBeLessThanOrEqual(203);
  });
});

describe('filters and pages', () => {
  it('filters by kind, round, year and unit subtree', () => {
    const all = searchAwards(db, 'tan thuan dong', {}, 1, 500);
    const collectives = searchAwards(db, 'tan thuan dong', { kind: 'collective' }, 1, 500);
    expect(collectives.total).toBeGreaterThan(0);
    expect(collectives.hits.every((h) => h.kind === 'collective')).toBe(true);
    const older = searchAwards(db, 'phuong', { round: DEMO_SLUGS.archive }, 1, 500);
    expect(older.hits.every((h) => h.roundSlug === DEMO_SLUGS.archive && h.year === 2021)).toBe(true);
    expect(searchAwards(db, 'phuong', { year: 2021 }, 1, 500).total).toBe(older.total);
    const ward = searchAwards(db, 'tan thuan dong', { unit: 'phuong-tan-thuan-dong' }, 1, 500);
    expect(ward.total).toBeGreaterThan(0);
    expect(ward.total).toBeLessThanOrEqual(all.total);
    expect(ward.hits.every((h) => h.unitSlug.endsWith('tan-thuan-dong'))).toBe(true);
    expect(searchAwards(db, 'phuong', { unit: 'khong-co' }).total).toBe(0);
    expect(searchAwards(db, 'phuong', { round: 'khong-co' }).total).toBe(0);
  });

  it('pages through the results without overlap; out-of-range pages clamp', () => {
    const p1 = searchAwards(db, 'phuong', {}, 1, 10);
    const p2 = searchAwards(db, 'phuong', {}, 2, 10);
    expect(p1.total).toBeGreaterThan(20);
    expect(p1.pages).toBe(Math.ceil(p1.total / 10));
    expect(p1.hits).toHaveLength(10);
    expect(p2.hits.map((h) => h.id)).not.toEqual(expect.arrayContaining([p1.hits[0].id]));
    expect(searchAwards(db, 'phuong', {}, 10_000, 10).page).toBe(p1.pages);
    expect(searchAwards(db, 'phuong', {}, -3, 10).page).toBe(1);
  });

  it('a broad query ranks only the newest candidates and says there are more', () => {
    const all = searchAwards(db, 'phuong', {}, 1, 10);
    expect(all.more).toBeUndefined();
    const capped = searchAwards(db, 'phuong', {}, 1, 10, 15);
    expect(capped).toMatchObject({ total: 15, more: true, pages: 2 });
    expect(searchAwards(db, 'phuong', {}, 2, 10, 15).hits).toHaveLength(5);
  });
});

describe('the index follows publication and revocation', () => {
  const actor = (u: string) => loadActor(db.select({ id: users.id }).from(users).where(eq(users.username, u)).get()!.id)!;

  it('a revoked award leaves the index in the revoking transaction', () => {
    expect(names('nguyen van duc')).toContain('Nguyễn Văn Đức');
    revokeAward(actor('admin'), duc.publicId, { reason: 'Kê khai không trung thực', decision: '99/QĐ-UBND' });
    expect(names('nguyen van duc')).not.toContain('Nguyễn Văn Đức');
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM award_search WHERE rowid = ${duc.id}`)!.n).toBe(0);
    rebuildSearchIndex(db);
    expect(names('nguyen van duc')).not.toContain('Nguyễn Văn Đức');
  });

  it('publishing a decided round indexes its awards', () => {
    const archive = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.archive)).get()!;
    db.update(rounds).set({ status: 'decided' }).where(eq(rounds.id, archive.id)).run();
    rebuildSearchIndex(db);
    expect(searchAwards(db, 'phuong', { round: DEMO_SLUGS.archive }).total).toBe(0);
    transitionRound(actor('admin'), archive.id, 'published');
    expect(searchAwards(db, 'phuong', { round: DEMO_SLUGS.archive }).total).toBeGreaterThan(0);
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM award_search`)!.n).toBe(147 + 45);
  });
});
