// The public data cache (issue 14 item 8): one layer, keyed on the public-data version that the database moves
// in the same transaction as any change to rounds, awards or units — in any process. Failures are never kept,
// unknown slugs never stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { awards, rounds, settings, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, otherConnection, useAsAppDatabase } from '@/tests/db';
import { closeDatabase } from '@/db/connection';
import { cachedPublishedRounds, cachedRound, cachedSearchOptions, cachedUnit, findSearchChoices, getSearchChoice } from './public-cache';
import { fold } from './text';
import { publicAwardsJson } from './public';
import { publicDataVersion, publicMemo, publicMemoSize } from './memo';
import { loadActor } from './users';
import { renameUnit } from './units';
import { revokeAward } from './workflow';
import { exec, first } from '@/db/query';

let db: DB;
let url: string;
const admin = async () => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))))!.id))!;
const liveAwardOf = async (slug: string) =>
  (await first(db
    .select({ publicId: awards.publicId, unitId: awards.unitId })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(and(eq(rounds.slug, slug), isNull(awards.revokedAt)))))!;

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
});

describe('the public-data version', () => {
  it('moves with a revocation, in the same transaction, and not with writes the public does not see', async () => {
    const v0 = await publicDataVersion();
    expect(v0).toMatch(/^[0-9a-f]{16}$/);
    await db.insert(settings).values({ key: 'unrelated', value: '1' });
    expect(await publicDataVersion()).toBe(v0);
    await revokeAward(await admin(), (await liveAwardOf(DEMO_SLUGS.published)).publicId, { reason: 'Kê khai không trung thực', decision: '12/QĐ-UBND' });
    expect(await publicDataVersion()).not.toBe(v0);
  });

  it('moves with a unit rename', async () => {
    const v0 = await publicDataVersion();
    await renameUnit(await admin(), (await liveAwardOf(DEMO_SLUGS.published)).unitId, 'Phường Thử Nghiệm Đổi Tên');
    expect(await publicDataVersion()).not.toBe(v0);
  });
});

describe('cached public reads', () => {
  it('a revocation shows at once on the roll', async () => {
    const before = (await cachedRound(DEMO_SLUGS.published))!;
    const target = before.awards[0];
    await revokeAward(await admin(), target.id, { reason: 'Vi phạm sau khi khen', decision: '13/QĐ-UBND' });
    const after = (await cachedRound(DEMO_SLUGS.published))!;
    expect(after.awards.some((a) => a.id === target.id)).toBe(false);
    expect(after.awards.length).toBe(before.awards.length - 1);
  });

  it('a write by another process (another connection) shows at once', async () => {
    const before = (await cachedRound(DEMO_SLUGS.published))!;
    const other = otherConnection(url);
    await other.update(awards).set({ revokedAt: new Date() }).where(eq(awards.publicId, before.awards[0].id));
    const after = (await cachedRound(DEMO_SLUGS.published))!;
    expect(after.awards.length).toBe(before.awards.length - 1);
    // …and so does a round another process unpublishes.
    await other.update(rounds).set({ status: 'archived' }).where(eq(rounds.slug, DEMO_SLUGS.archive));
    await closeDatabase(other);
    expect((await cachedPublishedRounds()).map((r) => r.slug)).not.toContain(DEMO_SLUGS.archive);
    expect(await cachedRound(DEMO_SLUGS.archive)).toBeNull();
  });

  it('a failed read is not kept: the next request reads again', async () => {
    // The table disappears for a moment (DDL moves neither the public version nor total_changes()).
    await exec(db, sql`ALTER TABLE awards RENAME TO awards_away`);
    await expect(cachedRound(DEMO_SLUGS.published)).rejects.toThrow();
    await exec(db, sql`ALTER TABLE awards_away RENAME TO awards`);
    expect((await cachedRound(DEMO_SLUGS.published))?.awards.length).toBeGreaterThan(0);
  });

  it('unknown slugs are never stored: random URLs neither fill nor flush the store', async () => {
    await cachedRound(DEMO_SLUGS.published);
    const kept = publicMemoSize();
    for (let i = 0; i < 300; i++) {
      expect(await cachedRound(`khong-co-${i}`)).toBeNull();
      expect(await cachedUnit(`khong-co-${i}`)).toBeNull();
      expect(await publicAwardsJson(`khong-co-${i}`)).toBeNull();
    }
    expect(publicMemoSize()).toBe(kept);
    // The real roll is still served from the store.
    let reads = 0;
    await publicMemo(`public:round:${DEMO_SLUGS.published}`, () => ++reads);
    expect(reads).toBe(0);
  });

  it('a value is computed once per version', async () => {
    let reads = 0;
    const read = () => publicMemo('test:once', () => ++reads);
    expect([await read(), await read(), await read()]).toEqual([1, 1, 1]);
    await db.update(rounds).set({ theme: 'Chủ đề mới' }).where(eq(rounds.slug, DEMO_SLUGS.published));
    expect(await read()).toBe(2);
  });
});

describe("the public search's filters, found by typing (a province's or a nation's rounds and units)", () => {
  it('finds published rounds and honoured units by their folded words (đ included), names starting with the text first', async () => {
    const options = await cachedSearchOptions();
    const round = options.rounds[0];
    const typed = fold(round.title).split(' ').slice(0, 3).join(' ');
    const found = await findSearchChoices('round', typed.toUpperCase());
    expect(found[0]).toEqual({ id: round.slug, name: round.title, parentName: null });
    expect(found.every((r) => fold(r.name).includes(typed))).toBe(true);
    // The round still open is not public: never offered, whatever is typed.
    const open = (await first(db.select({ title: rounds.title }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!;
    expect((await findSearchChoices('round', fold(open.title))).map((r) => r.id)).not.toContain(DEMO_SLUGS.open);

    // A unit of the search's list, renamed with an Đ: found without diacritics, by any word, at once.
    const unit = options.units[0];
    const id = (await first(db.select({ id: units.id }).from(units).where(eq(units.slug, unit.slug))))!.id;
    await renameUnit(await admin(), id, 'Phường Đông Hưng Thuận');
    for (const q of ['dong hung', 'ĐÔNG HƯNG', 'hung thuan', '  phuong   dong ']) {
      expect(await findSearchChoices('unit', q), q).toContainEqual({ id: unit.slug, name: 'Phường Đông Hưng Thuận', parentName: null });
    }
    // "Phường Đông…" starts with "phuong d"; other wards only hold both words.
    const wards = await findSearchChoices('unit', 'phuong d');
    expect(wards[0].name).toBe('Phường Đông Hưng Thuận');
    expect(await getSearchChoice('unit', unit.slug)).toEqual({ id: unit.slug, name: 'Phường Đông Hưng Thuận', parentName: null });
    expect(await getSearchChoice('unit', 'khong-co')).toBeNull();
    expect(await findSearchChoices('unit', '')).toEqual([]);
    expect(await findSearchChoices('unit', 'xyz khong co')).toEqual([]);
    expect(await findSearchChoices('unit', 'phuong', 2)).toHaveLength(2);
  });

  it('GET /api/public/filters answers them as public JSON and refuses odd input with 400', async () => {
    const { GET } = await import('@/app/api/public/filters/route');
    const get = async (query: string) => {
      const res = await GET(new Request(`http://localhost/api/public/filters?${query}`));
      return { status: res.status, body: (await res.json()) as { items?: Array<{ id: string; name: string }>; error?: string; field?: string }, cache: res.headers.get('cache-control') };
    };
    const ok = await get('field=unit&q=dong+hung');
    expect(ok.status).toBe(200);
    expect(ok.cache).toBe('public, max-age=0, s-maxage=1');
    expect(ok.body.items!.map((u) => u.name)).toContain('Phường Đông Hưng Thuận');
    expect((await get('field=round&q=')).body.items).toEqual([]);
    expect(await get('field=people&q=a')).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'field' } });
    expect(await get(`field=unit&q=${'a'.repeat(101)}`)).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'q' } });
    expect(await get('field=unit&q=a&limit=0')).toMatchObject({ status: 400, body: { field: 'limit' } });
  });
});
