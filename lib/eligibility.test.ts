// Yearly records and eligibility on the demo database: a ward officer reads and writes only their ward's
// records, an import is checked row by row then written all or none, an admin's rule edit changes the
// verdict and is audited (before and after), and a nominee who fails a rule is sent only with a reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, like } from 'drizzle-orm';
import { auditEvents, eligibilityRules, individuals, nominations, rounds, units, users, yearlyRecords } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { first } from '@/db/query';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { fold } from './text';
import {
  addRecord,
  deleteRecord,
  eligibleList,
  eligibleListXlsx,
  importRecords,
  listRecords,
  listRules,
  listUnitRecords,
  nominationEligibility,
  queueEligibility,
  updateRule,
  type RuleInput,
} from './eligibility';
import { submitNomination } from './workflow';
import { getFinalList } from './signoff';
import { mergeRegistryEntries } from './registry';

let db: DB;
const as = async (u: string): Promise<Actor> => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;
const unitId = async (name: string) => (await first(db.select({ id: units.id }).from(units).where(eq(units.name, name))))!.id;
const person = async (name: string, unit: string) =>
  (await first(db.insert(individuals).values({ fullName: name, nameFolded: fold(name), unitId: await unitId(unit) }).returning({ id: individuals.id })))!.id;

let officer: Actor;
let officer2: Actor;
let admin: Actor;
let reviewer: Actor;
let neighbour: Actor;
let lan: number;
let binh: number;
let roundId: number;
let nominationId: number;

const rec = (year: number, kind: 'rating' | 'title' | 'initiative' | 'award', value: string, sourceNumber = `${year}/QĐ-UBND`) => ({ year, kind, value, sourceNumber, sourceDate: `${year}-12-20` });

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  [officer, officer2, admin, reviewer, neighbour] = await Promise.all(['officer', 'officer2', 'admin', 'reviewer', 'tanmyloi.officer'].map(as));
  lan = await person('Phạm Thị Lan Kiểm', 'Phường Tân Phong');
  binh = await person('Đỗ Văn Bình Kiểm', 'Phường Tân Hưng');
  // A Bằng khen round of the district's committee, open now, judging the years up to 2024.
  roundId = (await first(db
    .insert(rounds)
    .values({ slug: 'bang-khen-kiem', title: 'Bằng khen năm 2024', theme: 'Tổng kết năm', period: '2023–2024', authority: 'Chủ tịch UBND Thành phố', awardForm: 'Bằng khen của Chủ tịch UBND Thành phố', unitId: await unitId('UBND Quận 7'), status: 'open', windowOpensAt: new Date(Date.now() - 86_400_000), windowClosesAt: new Date(Date.now() + 30 * 86_400_000) })
    .returning({ id: rounds.id })))!.id;
  nominationId = (await first(db
    .insert(nominations)
    .values({ roundId, nomineeKind: 'individual', individualId: lan, unitId: await unitId('Phường Tân Phong'), summary: 'Hai năm liền hoàn thành xuất sắc nhiệm vụ, có sáng kiến.', status: 'draft', createdBy: officer.id })
    .returning({ id: nominations.id })))!.id;
});

describe('who reads and writes yearly records', () => {
  it('a ward officer writes and reads their own ward’s records', async () => {
    await addRecord(officer, { kind: 'individual', id: lan }, rec(2023, 'rating', 'htxsnv'));
    expect((await listRecords(officer, { kind: 'individual', id: lan })).map((r) => [r.year, r.value])).toEqual([[2023, 'htxsnv']]);
    // The district's office reads them too (its subtree holds the ward).
    expect(await listRecords(reviewer, { kind: 'individual', id: lan })).toHaveLength(1);
  });

  it('another ward’s officer neither reads nor writes them (not found), nor does another authority', async () => {
    await expect(listRecords(officer2, { kind: 'individual', id: lan })).rejects.toThrowError('not_found');
    await expect(addRecord(officer2, { kind: 'individual', id: lan }, rec(2024, 'rating', 'htxsnv'))).rejects.toThrowError('not_found');
    await expect(addRecord(officer, { kind: 'individual', id: binh }, rec(2024, 'rating', 'htxsnv'))).rejects.toThrowError('not_found');
    await expect(listRecords(neighbour, { kind: 'individual', id: lan })).rejects.toThrowError('not_found');
    await expect(listUnitRecords(officer2, await unitId('Phường Tân Phong'))).rejects.toThrowError('not_found');
    const mine = await listUnitRecords(officer, await unitId('Phường Tân Phong'), { year: 2023, pageSize: 200 });
    expect(mine.items.map((r) => r.name)).toContain('Phạm Thị Lan Kiểm');
    // A large subtree (a nation's) has each record's person looked up by key instead of its people listed: the
    // same records either way, for the ward and for the whole district.
    for (const [who, unit] of [[officer, 'Phường Tân Phong'], [reviewer, 'UBND Quận 7']] as const) {
      const listedWay = await listUnitRecords(who, await unitId(unit), { pageSize: 200 });
      const lookedUp = await listUnitRecords(who, await unitId(unit), { pageSize: 200, subtreeListed: 0 });
      expect(listedWay.total).toBeGreaterThan(0);
      expect(lookedUp).toEqual(listedWay);
    }
    expect((await listUnitRecords(reviewer, await unitId('Phường Tân Hưng'), { pageSize: 200, subtreeListed: 0 })).items.map((r) => r.name)).not.toContain('Phạm Thị Lan Kiểm');
  });

  it('a reviewer reads but does not write; the delete of another ward’s record is refused', async () => {
    await expect(addRecord(reviewer, { kind: 'individual', id: lan }, rec(2024, 'rating', 'htxsnv'))).rejects.toThrowError('forbidden');
    const [r] = await db.select({ id: yearlyRecords.id }).from(yearlyRecords).where(eq(yearlyRecords.individualId, lan));
    await expect(deleteRecord(officer2, r.id)).rejects.toThrowError('not_found');
  });

  it('bad input is refused with its field, and nothing is written', async () => {
    await expect(addRecord(officer, { kind: 'individual', id: lan }, rec(2024, 'rating', 'xuat_sac'))).rejects.toMatchObject({ code: 'invalid_input', params: { field: 'value' } });
    await expect(addRecord(officer, { kind: 'individual', id: lan }, { ...rec(2024, 'rating', 'htxsnv'), sourceDate: '2024-02-30' })).rejects.toMatchObject({ code: 'invalid_input', params: { field: 'sourceDate' } });
    await expect(addRecord(officer, { kind: 'individual', id: lan }, rec(2023, 'rating', 'htxsnv'))).rejects.toMatchObject({ code: 'conflict' });
    expect(await listRecords(officer, { kind: 'individual', id: lan })).toHaveLength(1);
  });
});

describe('merging duplicates keeps the records', () => {
  it('the duplicate’s records move to the kept entry; one it already holds is not doubled', async () => {
    const keep = await person('Vũ Thị Gộp Kiểm', 'Phường Tân Phong');
    const drop = await person('Vu Thi Gop Kiem', 'Phường Tân Phong');
    await addRecord(officer, { kind: 'individual', id: keep }, rec(2023, 'rating', 'htxsnv'));
    await addRecord(officer, { kind: 'individual', id: drop }, rec(2023, 'rating', 'htxsnv'));
    await addRecord(officer, { kind: 'individual', id: drop }, rec(2024, 'title', 'ldtt'));
    await mergeRegistryEntries(admin, 'individual', keep, drop);
    expect((await listRecords(officer, { kind: 'individual', id: keep })).map((r) => `${r.year}:${r.value}`)).toEqual(['2023:htxsnv', '2024:ldtt']);
    expect(await db.select().from(yearlyRecords).where(eq(yearlyRecords.individualId, drop))).toEqual([]);
  });
});

describe('importing records', () => {
  const HEADER = 'Loại,Họ và tên / Tên tập thể,Đơn vị,Năm,Loại bản ghi,Nội dung,Số quyết định,Ngày quyết định,Ghi chú';
  const csv = (lines: string[]) => new TextEncoder().encode('\uFEFF' + [HEADER, ...lines].join('\r\n'));
  const good = [
    'Cá nhân,Phạm Thị Lan Kiểm,Phường Tân Phong,2024,Xếp loại,Hoàn thành xuất sắc nhiệm vụ,88/QĐ-UBND,20/12/2024,',
    'Cá nhân,pham thi lan kiem,Phường Tân Phong,2023,Sáng kiến,Cơ sở,7/QĐ-HĐSK,15/11/2023,Số hóa hồ sơ',
    'Cá nhân,Phạm Thị Lan Kiểm,Phường Tân Phong,2024,Sáng kiến,cap tinh,9/QĐ-HĐSK,15/11/2024,',
  ];

  it('the dry run names every bad row and writes nothing', async () => {
    const before = (await db.select().from(yearlyRecords)).length;
    const r = await importRecords(officer, csv([...good, 'Cá nhân,Đỗ Văn Bình Kiểm,Phường Tân Hưng,2024,Xếp loại,HTXSNV,1/QĐ,,', 'Cá nhân,Phạm Thị Lan Kiểm,Phường Tân Phong,20x4,Danh hiệu,LĐTT,2/QĐ,,', 'Cá nhân,Phạm Thị Lan Kiểm,Phường Tân Phong,2024,Danh hiệu,Giỏi,3/QĐ,,']), false);
    expect(r.written).toBe(0);
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[5, 'unknown_unit'], [6, 'bad_year'], [7, 'bad_value']]);
    expect((await db.select().from(yearlyRecords)).length).toBe(before);
  });

  it('a clean file is written all at once, with one audit event', async () => {
    const dry = await importRecords(officer, csv(good), true);
    expect(dry).toMatchObject({ rows: 3, errors: [], written: 0, dryRun: true });
    const r = await importRecords(officer, csv(good), false);
    expect(r.written).toBe(3);
    expect((await listRecords(officer, { kind: 'individual', id: lan })).map((x) => `${x.year}:${x.kind}:${x.value}`)).toEqual(['2023:rating:htxsnv', '2023:initiative:co_so', '2024:rating:htxsnv', '2024:initiative:tinh']);
    expect(await first(db.select().from(auditEvents).where(eq(auditEvents.action, 'yearly_record.import')))).toMatchObject({ actorId: officer.id, after: { rows: 3 } });
    // The same file again: every row is already recorded.
    expect((await importRecords(officer, csv(good), true)).errors.map((e) => e.code)).toEqual(['already_recorded', 'already_recorded', 'already_recorded']);
  });
});

describe('eligibility where decisions are made', () => {
  const bangKhen = async () => (await listRules(admin)).find((r) => r.code === 'bang_khen_tinh_ca_nhan' && r.effectiveTo === null)!;
  const inputOf = async (over: Partial<RuleInput> = {}): Promise<RuleInput> => {
    const r = await bangKhen();
    return { name: r.name, awardForm: r.awardForm, conditions: r.conditionsText, legalBasis: r.legalBasis, source: r.source, verified: r.verified, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, active: r.active, ...over };
  };

  it('the nomination shows the rule met with the records behind it', async () => {
    const e = await nominationEligibility(officer, nominationId);
    expect(e).toMatchObject({ lastYear: 2024, met: true, awardForm: 'Bằng khen của Chủ tịch UBND Thành phố' });
    expect(e.verdicts.map((v) => [v.rule.code, v.met])).toEqual([['bang_khen_tinh_ca_nhan', true]]);
    const run = e.verdicts[0].result.type === 'all' ? e.verdicts[0].result.parts[0] : null;
    expect(run?.type === 'consecutive' && run.years.map((y) => [y.year, y.ok, y.records[0]?.sourceNumber])).toEqual([[2023, true, '2023/QĐ-UBND'], [2024, true, '88/QĐ-UBND']]);
    expect(await queueEligibility(reviewer, [nominationId])).toEqual({ [nominationId]: 'met' });
    await expect(nominationEligibility(officer2, nominationId)).rejects.toThrowError('not_found');
  });

  it('an admin’s edit of the rule changes the verdict and is audited with before and after', async () => {
    await expect(updateRule(officer, (await bangKhen()).id, await inputOf())).rejects.toThrowError('forbidden');
    const rule = await bangKhen();
    const three = JSON.stringify({ type: 'all', of: [{ type: 'consecutive', kind: 'rating', values: ['htxsnv'], years: 3 }, { type: 'count', kind: 'initiative', values: ['co_so', 'tinh', 'toan_quoc'], min: 2, within: 2 }] });
    await updateRule(admin, rule.id, await inputOf({ conditions: three, verified: true }));
    const e = await nominationEligibility(officer, nominationId);
    expect(e.met).toBe(false);
    const run = e.verdicts[0].result.type === 'all' ? e.verdicts[0].result.parts[0] : null;
    expect(run?.type === 'consecutive' && run.years.map((y) => [y.year, y.ok])).toEqual([[2022, false], [2023, true], [2024, true]]);
    expect(await queueEligibility(reviewer, [nominationId])).toEqual({ [nominationId]: 'failed' });
    const event = await first(db.select().from(auditEvents).where(and(eq(auditEvents.action, 'eligibility_rule.edit'), eq(auditEvents.entityId, rule.id))).orderBy(desc(auditEvents.id)));
    expect(event).toMatchObject({ actorId: admin.id, entityType: 'eligibility_rule', before: { code: 'bang_khen_tinh_ca_nhan', conditions: rule.conditionsText, verified: false }, after: { code: 'bang_khen_tinh_ca_nhan', conditions: three, verified: true } });
  });

  it('invalid conditions or overlapping versions are refused and change nothing', async () => {
    const rule = await bangKhen();
    await expect(updateRule(admin, rule.id, await inputOf({ conditions: '{"type":"consecutive"}' }))).rejects.toMatchObject({ code: 'invalid_input', params: { field: 'conditions' } });
    await expect(updateRule(admin, rule.id, await inputOf({ conditions: JSON.stringify({ type: 'consecutive', kind: 'rating', values: ['gioi'], years: 2 }) }))).rejects.toMatchObject({ code: 'invalid_input', params: { field: 'conditions' } });
    // The Decree 98 version runs to 30 June 2025: this one may not start before that.
    await expect(updateRule(admin, rule.id, await inputOf({ effectiveFrom: '2025-01-01' }))).rejects.toMatchObject({ code: 'invalid_input', params: { field: 'effectiveFrom' } });
    expect((await bangKhen()).conditionsText).toBe(rule.conditionsText);
  });

  it('sending a nominee who fails a rule needs a reason, which is stored and audited', async () => {
    await expect(submitNomination(officer, nominationId)).rejects.toMatchObject({ code: 'eligibility_exception' });
    await expect(submitNomination(officer, nominationId, new Date(), { exceptionReason: 'ngắn' })).rejects.toMatchObject({ code: 'eligibility_exception' });
    expect((await first(db.select({ status: nominations.status }).from(nominations).where(eq(nominations.id, nominationId))))!.status).toBe('draft');
    await submitNomination(officer, nominationId, new Date(), { exceptionReason: 'Thành tích đột xuất trong phòng chống dịch, được Thành phố ghi nhận.' });
    const n = (await first(db.select().from(nominations).where(eq(nominations.id, nominationId))))!;
    expect(n).toMatchObject({ status: 'submitted', eligibilityException: 'Thành tích đột xuất trong phòng chống dịch, được Thành phố ghi nhận.' });
    const event = await first(db.select().from(auditEvents).where(and(eq(auditEvents.action, 'nomination.submit'), eq(auditEvents.entityId, nominationId))));
    expect(event?.after).toMatchObject({ status: 'submitted', failedRules: ['Bằng khen của Chủ tịch UBND cấp tỉnh — cá nhân'], exceptionReason: n.eligibilityException });
    expect(await queueEligibility(reviewer, [nominationId])).toEqual({ [nominationId]: 'exception' });
  });

  it('the sign-off page counts the list’s exceptions, with their reasons', async () => {
    await db.update(nominations).set({ status: 'approved' }).where(eq(nominations.id, nominationId));
    const view = await getFinalList(await as('approver'), roundId);
    expect(view.exceptions).toEqual([{ nominationId, name: 'Phạm Thị Lan Kiểm', reason: 'Thành tích đột xuất trong phòng chống dịch, được Thành phố ghi nhận.' }]);
    await db.update(nominations).set({ status: 'submitted' }).where(eq(nominations.id, nominationId));
  });

  it('“who is eligible” lists the unit’s people, the eligible first, and exports them', async () => {
    // Back to two years: Lan is eligible again.
    const rule = await bangKhen();
    const two = JSON.stringify({ type: 'all', of: [{ type: 'consecutive', kind: 'rating', values: ['htxsnv'], years: 2 }, { type: 'count', kind: 'initiative', values: ['co_so', 'tinh', 'toan_quoc'], min: 2, within: 2 }] });
    await updateRule(admin, rule.id, await inputOf({ conditions: two }));
    const list = await eligibleList(officer, { unitId: await unitId('Phường Tân Phong'), awardForm: 'Bằng khen của Chủ tịch UBND Thành phố', kind: 'individual', lastYear: 2024 });
    expect(list.rules.map((r) => r.code)).toEqual(['bang_khen_tinh_ca_nhan']);
    expect(list.rows.find((r) => r.name === 'Phạm Thị Lan Kiểm')).toMatchObject({ met: true });
    // The eligible first; the demo's records make some of the ward eligible and some not.
    const firstNot = list.rows.findIndex((r) => !r.met);
    expect(list.rows.slice(firstNot).every((r) => !r.met)).toBe(true);
    expect(firstNot).toBeGreaterThanOrEqual(3);
    expect(list.rows.length - firstNot).toBeGreaterThanOrEqual(5);
    await expect(eligibleList(officer2, { unitId: await unitId('Phường Tân Phong'), awardForm: 'Bằng khen', kind: 'individual' })).rejects.toThrowError('not_found');
    const xlsx = await eligibleListXlsx(officer, { unitId: await unitId('Phường Tân Phong'), awardForm: 'Bằng khen của Chủ tịch UBND Thành phố', kind: 'individual', lastYear: 2024 });
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });

  it('a district’s whole list: every person judged, a page at a time, found by name — or none past the bound', async () => {
    const input = { unitId: await unitId('UBND Quận 7'), awardForm: 'Bằng khen của Chủ tịch UBND Thành phố', kind: 'individual' as const, lastYear: 2024 };
    const all = await eligibleList(reviewer, { ...input, pageSize: 10_000 });
    expect(all.tooMany).toBe(false);
    expect(all.total.people).toBeGreaterThan(20);
    expect(all.rows).toHaveLength(all.total.people);
    expect(all.met).toBe(all.rows.filter((r) => r.met).length);
    expect(all.met).toBeGreaterThan(0);
    // Pages of 7 give every person once, in the whole list's order (the eligible first), with the whole list's counts.
    const first7 = await eligibleList(reviewer, { ...input, pageSize: 7 });
    expect(first7.pageCount).toBe(Math.ceil(all.total.people / 7));
    const paged = [];
    for (let page = 1; page <= first7.pageCount; page++) {
      const l = await eligibleList(reviewer, { ...input, pageSize: 7, page });
      expect([l.page, l.met, l.total.people]).toEqual([page, all.met, all.total.people]);
      paged.push(...l.rows.map((r) => `${r.nominee.id}:${r.met}`));
    }
    expect(paged).toEqual(all.rows.map((r) => `${r.nominee.id}:${r.met}`));
    // A page past the end is the last one.
    expect((await eligibleList(reviewer, { ...input, pageSize: 7, page: 999 })).page).toBe(first7.pageCount);
    // Found by name typed without diacritics: exactly the names holding every word; the counts of the whole list stay.
    const found = await eligibleList(reviewer, { ...input, q: 'pham thi LAN' });
    expect(found.rows.map((r) => r.name)).toEqual(all.rows.filter((r) => ['pham', 'thi', 'lan'].every((w) => fold(r.name).includes(w))).map((r) => r.name));
    expect(found.rows.map((r) => r.name)).toContain('Phạm Thị Lan Kiểm');
    expect(found.total).toEqual({ people: all.total.people, matching: found.rows.length });
    // More people than are judged at once: none judged, rather than an arbitrary part of them.
    const bounded = await eligibleList(reviewer, { ...input, max: all.total.people - 1 });
    expect([bounded.tooMany, bounded.rows.length, bounded.total.people, bounded.met]).toEqual([true, 0, 0, 0]);
    expect((await eligibleList(reviewer, { ...input, max: all.total.people })).tooMany).toBe(false);
  });

  it('the default rules are all marked to verify, with their legal basis and source', async () => {
    const rules = await db.select().from(eligibilityRules).where(like(eligibilityRules.code, 'cstd%'));
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r.verified).toBe(false);
      expect(r.legalBasis).toContain('06/2022/QH15');
      expect(r.source).not.toBe('');
    }
  });
});
