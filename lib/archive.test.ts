// Recording a paper decision: dry run with row errors, matching against the registry (two near matches
// offered, never linked silently), the choices, one transaction, then publication like any round.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, awards, individuals, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { archiveWorkbook } from '@/tests/archive-sheet';
import { loadActor } from './users';
import type { Actor } from './policy';
import { checkArchiveList, recordArchiveRound, type ArchiveTerms } from './archive';
import { transitionRound } from './workflow';
import { listPublishedAwards, listPublishedRounds } from './public';
import { priorAwardsInTheme } from './registry';
import { first } from '@/db/query';

let db: DB;
let admin: Actor;
let officer: Actor;
let registered: Array<{ id: number; name: string; unit: string }>;
const terms: ArchiveTerms = {
  title: 'Khen thưởng phong trào khuyến học 2018–2019',
  theme: 'Khuyến học, khuyến tài',
  period: '2018–2019',
  authority: 'Chủ tịch UBND Quận 7',
  awardForm: 'Giấy khen',
  decisionNumber: '321/QĐ-UBND',
  decisionDate: '2019-09-05',
  decisionSigner: 'Lâm Quốc Việt',
  decisionPlace: 'Quận 7',
};
const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  admin = await byName('admin');
  officer = await byName('officer');
  registered = await db
    .select({ id: individuals.id, name: individuals.fullName, unit: units.name })
    .from(individuals)
    .innerJoin(units, eq(units.id, individuals.unitId))
    .orderBy(individuals.id)
    .limit(2);
});

describe('recording a decision from the archive', () => {
  it('is for administrators only', async () => {
    await expect(checkArchiveList(officer, { terms, bytes: await archiveWorkbook([]) })).rejects.toThrowError('forbidden');
  });

  it('refuses a decision dated in the future (a typing error such as 2030) and writes nothing', async () => {
    const before = (await db.select().from(rounds)).length;
    const csv = 'Loại,Họ và tên / Tên tập thể,Đơn vị,Chức vụ,Giới tính,Năm sinh,Đảng viên,Tóm tắt thành tích\nCá nhân,Ngô Văn Sáu,Phường Tân Phong,,Nam,1980,Có,\n';
    await expect(checkArchiveList(admin, { terms: { ...terms, decisionDate: '2030-01-01' }, bytes: new TextEncoder().encode(csv) })).rejects.toThrowError('future_date');
    expect(await db.select().from(rounds)).toHaveLength(before);
  });

  it('lists bad rows with row, column and reason, and writes nothing', async () => {
    const csv = 'Loại,Họ và tên / Tên tập thể,Đơn vị,Chức vụ,Giới tính,Năm sinh,Đảng viên,Tóm tắt thành tích\nCá nhân,Ngô Văn Sáu,Phường Không Có,,Nam,1890,Có,\nNhóm,Tổ A,Phường Tân Phong,,,,,\n';
    const before = (await db.select().from(rounds)).length;
    const r = await checkArchiveList(admin, { terms, bytes: new TextEncoder().encode(csv) });
    expect(r.token).toBeUndefined();
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[2, 'unknown_unit'], [2, 'bad_year'], [3, 'bad_kind']]);
    expect(await db.select().from(rounds)).toHaveLength(before);
  });

  it('offers both near-duplicates, requires a choice, and records 200 rows in one transaction', async () => {
    const bytes = await archiveWorkbook(registered);
    const t0 = performance.now();
    const checked = await checkArchiveList(admin, { terms, bytes });
    expect(checked.errors).toEqual([]);
    expect(checked.list).toHaveLength(200);
    const near = checked.list.filter((r) => r.match === 'near');
    expect(near.map((r) => r.candidates.map((c) => c.id))).toEqual(registered.map((p) => [p.id]));
    expect(checked.list.filter((r) => r.match === 'exact')).toHaveLength(0);

    const peopleBefore = (await db.select().from(individuals)).length;
    await expect(recordArchiveRound(admin, { token: checked.token!, choices: { [near[0].row]: registered[0].id } })).rejects.toThrowError('choice_required');
    const result = await recordArchiveRound(admin, { token: checked.token!, choices: { [near[0].row]: registered[0].id, [near[1].row]: 'new' } });
    console.log(`archive: 200 rows checked and recorded in ${Math.round(performance.now() - t0)} ms`);
    expect(result).toMatchObject({ awards: 200, linked: 1, created: 199 });
    expect((await db.select().from(individuals)).length - peopleBefore).toBe(180 - 1);
    const round = (await first(db.select().from(rounds).where(eq(rounds.id, result.id))))!;
    expect(round).toMatchObject({ status: 'decided', source: 'archive', decisionNumber: '321/QĐ-UBND', decisionDate: '2019-09-05' });
    const linked = await db.select().from(awards).where(eq(awards.individualId, registered[0].id));
    expect(linked.some((a) => a.roundId === result.id)).toBe(true);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'round.archive_recorded'), eq(auditEvents.entityId, result.id)))).toHaveLength(1);
    // The token is spent.
    await expect(recordArchiveRound(admin, { token: checked.token!, choices: {} })).rejects.toThrowError('not_found');

    await transitionRound(admin, result.id, 'published');
    expect(await listPublishedAwards(result.slug)).toHaveLength(200);
    expect((await listPublishedRounds()).find((r) => r.slug === result.slug)).toBeTruthy();
  });

  it('an archive-recorded award feeds the one-achievement-one-award warning', async () => {
    const [person] = registered;
    const open = (await first(db.select().from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!;
    const csv = `Loại,Họ và tên / Tên tập thể,Đơn vị,Chức vụ,Giới tính,Năm sinh,Đảng viên,Tóm tắt thành tích\nCá nhân,${person.name},${person.unit},,,,,\n`;
    const recent = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const checked = await checkArchiveList(admin, { terms: { ...terms, theme: open.theme, decisionDate: recent, title: 'Khen thưởng đột xuất' }, bytes: new TextEncoder().encode(csv) });
    expect(checked.list.map((r) => [r.match, r.linked])).toEqual([['exact', person.id]]);
    await recordArchiveRound(admin, { token: checked.token!, choices: {} });
    expect((await priorAwardsInTheme({ individualId: person.id, collectiveId: null }, open.theme, open.id)).map((p) => p.roundTitle)).toContain('Khen thưởng đột xuất');
  });

  it('the demo archive round is recorded from the archive', async () => {
    expect((await first(db.select({ source: rounds.source }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.archive))))!.source).toBe('archive');
  });
});
