// The public data cache (issue 14 item 8): one layer, keyed on the public-data version that the database moves
// in the same transaction as any change to rounds, awards or units — in any process. Failures are never kept,
// unknown slugs never stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { awards, rounds, settings, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, otherConnection, useAsAppDatabase } from '@/tests/db';
import { closeDatabase } from '@/db/connection';
import { cachedPublishedRounds, cachedRound, cachedUnit } from './public-cache';
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
