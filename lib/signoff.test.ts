// Sign-off of the final list: preconditions, the content hash, the freeze, withdrawal and the decision.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, notInArray } from 'drizzle-orm';
import { auditEvents, awards, individuals, nominations, rounds, signoffs, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { checkNomination, decideNomination, decideRound, excludeNomination, reconsiderNomination, setUnitQuota, submitNomination, transitionRound, updateNomination, withdrawNomination } from './workflow';
import { getFinalList, signOffRound, withdrawSignoff } from './signoff';
import { countRoundsReadyToDecide } from './rounds';
import { decisionDocx, getDecisionList, getRoundCertificates } from './exports';
import { hashPrintedList } from './final-list';
import { updateIndividual } from './registry';
import { mergeUnits, renameUnit } from './units';
import { readDocx } from '@/tests/docx-text';
import { first } from '@/db/query';

let db: DB;
let admin: Actor;
let approver: Actor;
let reviewer: Actor;
let officer: Actor;
let roundId: number;
const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;
const statusOf = async (id: number) => (await first(db.select({ s: nominations.status }).from(nominations).where(eq(nominations.id, id))))!.s;
const inRound = async (...s: Array<'submitted' | 'checked' | 'returned' | 'approved' | 'rejected'>) =>
  (await db.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, roundId), inArray(nominations.status, s)))).map((r) => r.id);
const vote = { for: 9, against: 0, total: 9 };
const decision = { decisionNumber: '99/QĐ-UBND', decisionDate: '2026-11-20', decisionSigner: 'Đoàn Minh Thịnh' };

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  [admin, approver, reviewer, officer] = await Promise.all(['admin', 'approver', 'reviewer', 'officer'].map(byName));
  roundId = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
  const drafts = (await db.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'draft')))).length;
  await transitionRound(admin, roundId, 'reviewing', new Date(), { draftsLeftBehind: drafts });
});

describe('sign-off of the final list', () => {
  it('is read by approvers and admins only', async () => {
    await expect(getFinalList(officer, roundId)).rejects.toThrowError('not_found');
    await expect(getFinalList(reviewer, roundId)).rejects.toThrowError('not_found');
    expect((await getFinalList(admin, roundId)).round.id).toBe(roundId);
  });

  it('waits until every submitted nomination is approved or rejected, and names each one that blocks it', async () => {
    const view = await getFinalList(approver, roundId);
    expect(view.pending).toBeGreaterThan(0);
    expect(view.blockers).toContain('pending');
    // Every blocking nomination is listed, with what it waits for.
    expect(view.waiting.map((w) => w.id).sort()).toEqual((await inRound('submitted', 'checked', 'returned')).sort());
    const waitsFor = Object.fromEntries(view.waiting.map((w) => [w.status, w.waitsFor]));
    expect(waitsFor).toEqual({ submitted: 'reviewer', checked: 'approver', returned: 'unit' });
    expect(view.waiting.every((w) => w.name.length > 0 && w.unit.startsWith('Phường'))).toBe(true);
    await expect(signOffRound(approver, roundId, view.hash)).rejects.toThrowError('precondition');
    expect(await countRoundsReadyToDecide(admin)).toBe(0);
    // Judge what is left: check then approve the submitted ones (within quota), reject the rest.
    for (const id of await inRound('submitted')) await checkNomination(reviewer, id);
    for (const id of await inRound('checked')) {
      try {
        await decideNomination(approver, id, 'approve', vote);
      } catch {
        await decideNomination(approver, id, 'reject', { for: 2, against: 7, total: 9 });
      }
    }
    // Returned ones get out through the app's own paths while the round is in review: one is answered
    // and resubmitted by its unit's officer, one by an admin on the unit's behalf, one is withdrawn by
    // its unit, and the office excludes the rest with a reason.
    const returned = await inRound('returned');
    expect(returned.length).toBeGreaterThanOrEqual(3);
    const tanPhong = async (id: number) => (await first(db.select({ n: units.name }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(eq(nominations.id, id))))!.n === 'Phường Tân Phong';
    let found: number | undefined;
    for (const id of returned) {
      if (await tanPhong(id)) {
        found = id;
        break;
      }
    }
    const ownId = found!;
    const others = returned.filter((id) => id !== ownId);
    await updateNomination(officer, ownId, { summary: 'Đã bổ sung biên bản họp xét và làm rõ thành tích năm 2026 theo yêu cầu.' });
    await submitNomination(officer, ownId);
    expect(await statusOf(ownId)).toBe('submitted');
    await submitNomination(admin, others[0]);
    expect(await statusOf(others[0])).toBe('submitted');
    const behalf = (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, others[0]), eq(auditEvents.action, 'nomination.submit')))).at(-1)!;
    expect(behalf.actorId).toBe(admin.id);
    expect(behalf.after).toMatchObject({ status: 'submitted', onBehalfOfUnit: expect.any(Number) });
    const withdrawnId = others[1];
    await expect(withdrawNomination(officer, withdrawnId, 'Đơn vị rút đề nghị')).rejects.toThrowError('not_found');
    await withdrawNomination(admin, withdrawnId, 'Đơn vị rút đề nghị');
    expect(await statusOf(withdrawnId)).toBe('withdrawn');
    for (const id of others.slice(2)) {
      await expect(excludeNomination(reviewer, id, 'Không đủ điều kiện')).rejects.toThrowError('forbidden');
      await expect(excludeNomination(admin, id, ' ')).rejects.toThrowError('invalid_input');
      await excludeNomination(admin, id, 'Hồ sơ không bổ sung đúng hạn');
      expect(await statusOf(id)).toBe('excluded');
    }
    // The resubmitted ones are judged like any other.
    for (const id of [ownId, others[0]]) {
      await checkNomination(reviewer, id);
      await decideNomination(approver, id, 'reject', { for: 2, against: 7, total: 9 });
    }
    const ready = await getFinalList(approver, roundId);
    expect(ready.waiting).toEqual([]);
    expect(ready.pending).toBe(0);
    expect(ready.ready).toBe(true);
    expect(ready.byKind.collective + ready.byKind.individual).toBe((await inRound('approved')).length);
    expect(Object.values(ready.byGender).reduce((a, b) => a + b, 0)).toBe(ready.byKind.individual);
  });

  it('only the approver signs, and only the list they read', async () => {
    const view = await getFinalList(approver, roundId);
    await expect(signOffRound(admin, roundId, view.hash)).rejects.toThrowError('forbidden');
    await expect(signOffRound(approver, roundId, '0'.repeat(64))).rejects.toThrowError('conflict');
    expect(await countRoundsReadyToDecide(admin)).toBe(0);
    expect((await signOffRound(approver, roundId, view.hash)).hash).toBe(view.hash);
    // Signed off: the round waits for its decision, and the admin's badge counts it at once.
    expect(await countRoundsReadyToDecide(admin)).toBe(1);
    expect(await countRoundsReadyToDecide(reviewer)).toBe(0);
    const row = (await first(db.select().from(signoffs).where(eq(signoffs.roundId, roundId))))!;
    expect(row).toMatchObject({ signedBy: approver.id, listHash: view.hash, withdrawnAt: null });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'round.signoff'))).toHaveLength(1);
    await expect(signOffRound(approver, roundId, view.hash)).rejects.toThrowError('frozen');
  });

  it('freezes the list: every change is refused', async () => {
    const [approved] = await inRound('approved');
    const tanPhong = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong'))))!.id;
    await expect(reconsiderNomination(approver, approved, 'Xem lại phiếu')).rejects.toThrowError('frozen');
    await expect(setUnitQuota(admin, roundId, tanPhong, { collectives: 1, individuals: 1 })).rejects.toThrowError('frozen');
    await expect(transitionRound(admin, roundId, 'open')).rejects.toThrowError('frozen');
    expect(await statusOf(approved)).toBe('approved');
  });

  it('is withdrawn by the approver with a reason; the list changes; signing again records a new hash', async () => {
    await expect(withdrawSignoff(admin, roundId, 'Lý do bất kỳ')).rejects.toThrowError('forbidden');
    await expect(withdrawSignoff(approver, roundId, ' ')).rejects.toThrowError('invalid_input');
    const before = (await getFinalList(approver, roundId)).hash;
    await withdrawSignoff(approver, roundId, 'Rà soát lại danh sách');
    expect(await countRoundsReadyToDecide(admin)).toBe(0);
    expect((await first(db.select().from(signoffs).where(eq(signoffs.roundId, roundId))))!.withdrawReason).toBe('Rà soát lại danh sách');
    await expect(decideRound(admin, roundId, decision)).rejects.toThrowError('precondition');
    const [approved] = await inRound('approved');
    await reconsiderNomination(approver, approved, 'Xem lại phiếu');
    expect(await statusOf(approved)).toBe('checked');
    await decideNomination(approver, approved, 'reject', { for: 2, against: 7, total: 9 });
    const after = await getFinalList(approver, roundId);
    expect(after.hash).not.toBe(before);
    await signOffRound(approver, roundId, after.hash);
    expect((await getFinalList(admin, roundId)).history.map((s) => !!s.withdrawnAt)).toEqual([false, true]);
  });

  it('while signed off, a registry or unit edit that would change an entry is refused, naming the list; others pass', async () => {
    const view = await getFinalList(admin, roundId);
    const [entry] = view.entries.filter((e) => e.kind === 'individual');
    const person = (await first(db.select().from(individuals).where(eq(individuals.id, entry.individualId!))))!;
    const edit = { fullName: person.fullName, gender: person.gender, birthYear: person.birthYear, position: person.position, partyMember: person.partyMember };
    const auditBefore = (await first(db.select({ n: count() }).from(auditEvents)))!.n;
    for (const change of [{ fullName: `${person.fullName} Sửa` }, { birthYear: 1901 }, { partyMember: !person.partyMember }, { position: 'Chức vụ khác' }, { gender: person.gender === 'male' ? ('female' as const) : ('male' as const) }]) {
      let error: unknown;
      try {
        await updateIndividual(admin, person.id, { ...edit, ...change });
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(change)).toMatchObject({ code: 'list_frozen', params: { round: view.round.title } });
    }
    expect(await first(db.select().from(individuals).where(eq(individuals.id, person.id)))).toEqual(person);
    // Renaming the unit printed beside a listed name, or merging it away, is refused too.
    await expect(renameUnit(admin, entry.unitId, 'Tên đơn vị mới')).rejects.toThrowError('list_frozen');
    const other = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Phú Mỹ'))))!.id;
    await expect(mergeUnits(admin, [entry.unitId], other)).rejects.toThrowError('list_frozen');
    expect((await first(db.select({ n: count() }).from(auditEvents)))!.n).toBe(auditBefore);
    // Someone who is not on the list is edited as usual.
    const outsider = (await first(db.select().from(individuals).where(notInArray(individuals.id, view.entries.map((e) => e.individualId ?? 0)))))!;
    await updateIndividual(admin, outsider.id, { fullName: `${outsider.fullName} Hai`, gender: outsider.gender, birthYear: outsider.birthYear, position: outsider.position, partyMember: outsider.partyMember });
  });

  it('refuses a decision dated after today (Vietnam time) and records nothing', async () => {
    const now = new Date('2026-11-30T18:00:00Z'); // 1 December 2026, 01:00 in Vietnam
    await expect(decideRound(admin, roundId, { ...decision, decisionDate: '2030-01-01' }, now)).rejects.toThrowError('future_date');
    await expect(decideRound(admin, roundId, { ...decision, decisionDate: '2026-12-02' }, now)).rejects.toThrowError('future_date');
    expect(await first(db.select({ s: rounds.status, n: rounds.decisionNumber }).from(rounds).where(eq(rounds.id, roundId)))).toEqual({ s: 'reviewing', n: null });
  });

  it('the decision is built from the signed snapshot in its order; the printed annex hashes to the signed hash', async () => {
    const view = await getFinalList(admin, roundId);
    const signed = view.standing!.listHash;
    // A change behind the app's back (raw SQL) no longer reaches the awards: they come from the snapshot.
    const [entry] = view.entries.filter((e) => e.kind === 'individual');
    const name = (await first(db.select({ n: individuals.fullName }).from(individuals).where(eq(individuals.id, entry.individualId!))))!.n;
    await db.update(individuals).set({ fullName: `${name} (sửa ngoài ứng dụng)` }).where(eq(individuals.id, entry.individualId!));
    const { awards: count } = await decideRound(admin, roundId, { ...decision, decisionSignerTitle: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' });
    expect(count).toBe(view.entries.length);
    const made = await db.select().from(awards).where(eq(awards.roundId, roundId));
    const key = (x: { kind: string; ordinal: number; name: string; unit: string; position: string | null; nominationId: number }) => `${x.kind}|${x.ordinal}|${x.nominationId}|${x.name}|${x.unit}|${x.position ?? ''}`;
    expect(made.map((a) => key({ kind: a.nomineeKind, ordinal: a.ordinal, name: a.name, unit: a.unitName, position: a.position, nominationId: a.nominationId })).sort()).toEqual(view.entries.map(key).sort());
    // Every certificate at once, with the signer's title.
    const bulk = await getRoundCertificates(admin, roundId);
    expect(bulk.certificates).toHaveLength(count);
    expect(new Set(bulk.certificates.map((c) => c.decisionSignerTitle))).toEqual(new Set(['KT. CHỦ TỊCH / PHÓ CHỦ TỊCH']));
    await expect(getRoundCertificates(officer, roundId)).rejects.toThrowError('not_found');
    const list = await getDecisionList(admin, DEMO_SLUGS.open);
    expect(list.listHash).toBe(signed);
    // Read the DOCX as printed: the title under the heading and both tables' rows, then hash them.
    const docx = await readDocx(await decisionDocx(list));
    const title = docx.paragraphs[docx.paragraphs.findIndex((p) => p.startsWith('Tập thể, cá nhân được tặng')) + 1];
    const [, collectives, individualsTable] = docx.tables;
    // The annex also prints each achievement (last column, "Thành tích"): the hash covers every cell, it too.
    expect(collectives[0].at(-1)).toBe('Thành tích');
    expect(individualsTable[0].at(-1)).toBe('Thành tích');
    const summary = [...list.individuals, ...list.collectives].find((e) => e.summary)!.summary;
    expect([...collectives, ...individualsTable].some((row) => row.at(-1)!.includes(summary.slice(0, 30)))).toBe(true);
    const printed = { title, collectives: collectives.slice(1), individuals: individualsTable.slice(1) };
    expect(printed.collectives.length + printed.individuals.length).toBe(view.entries.length);
    expect(hashPrintedList(printed)).toBe(signed);
    expect(docx.footers).toContain(signed);
    // After the decision the sign-off stands for good.
    await expect(withdrawSignoff(approver, roundId, 'Quá muộn')).rejects.toThrowError('invalid_state');
    await transitionRound(admin, roundId, 'published');
    expect((await first(db.select({ s: rounds.status }).from(rounds).where(eq(rounds.id, roundId))))!.s).toBe('published');
  });
});
