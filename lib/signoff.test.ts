// Sign-off of the final list: preconditions, the content hash, the freeze, withdrawal and the decision.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents, individuals, nominations, rounds, signoffs, units, users } from '@/db/schema';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { checkNomination, decideNomination, decideRound, reconsiderNomination, setUnitQuota, transitionRound } from './workflow';
import { getFinalList, signOffRound, withdrawSignoff } from './signoff';
import JSZip from 'jszip';
import { decisionDocx, getDecisionList, getRoundCertificates } from './exports';

let db: DB;
let admin: Actor;
let approver: Actor;
let reviewer: Actor;
let officer: Actor;
let roundId: number;
const byName = (u: string) => loadActor(db.select({ id: users.id }).from(users).where(eq(users.username, u)).get()!.id)!;
const statusOf = (id: number) => db.select({ s: nominations.status }).from(nominations).where(eq(nominations.id, id)).get()!.s;
const inRound = (...s: Array<'submitted' | 'checked' | 'returned' | 'approved' | 'rejected'>) =>
  db.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, roundId), inArray(nominations.status, s))).all().map((r) => r.id);
const vote = { for: 9, against: 0, total: 9 };
const decision = { decisionNumber: '99/QĐ-UBND', decisionDate: '2026-11-20', decisionSigner: 'Đoàn Minh Thịnh' };

beforeAll(async () => {
  ({ db } = freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  [admin, approver, reviewer, officer] = ['admin', 'approver', 'reviewer', 'officer'].map(byName);
  roundId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open)).get()!.id;
  transitionRound(admin, roundId, 'reviewing');
});

describe('sign-off of the final list', () => {
  it('is read by approvers and admins only', () => {
    expect(() => getFinalList(officer, roundId)).toThrowError('not_found');
    expect(() => getFinalList(reviewer, roundId)).toThrowError('not_found');
    expect(getFinalList(admin, roundId).round.id).toBe(roundId);
  });

  it('waits until every submitted nomination is approved or rejected', () => {
    const view = getFinalList(approver, roundId);
    expect(view.pending).toBeGreaterThan(0);
    expect(view.blockers).toContain('pending');
    expect(() => signOffRound(approver, roundId, view.hash)).toThrowError('precondition');
    // Judge what is left: check then approve the submitted ones (within quota), reject the rest.
    for (const id of inRound('submitted')) checkNomination(reviewer, id);
    for (const id of inRound('checked')) {
      try {
        decideNomination(approver, id, 'approve', vote);
      } catch {
        decideNomination(approver, id, 'reject', vote);
      }
    }
    // Returned ones cannot come back while the round is in review: the office closes them as rejected.
    for (const id of inRound('returned')) db.update(nominations).set({ status: 'rejected' }).where(eq(nominations.id, id)).run();
    const ready = getFinalList(approver, roundId);
    expect(ready.pending).toBe(0);
    expect(ready.ready).toBe(true);
    expect(ready.byKind.collective + ready.byKind.individual).toBe(inRound('approved').length);
    expect(Object.values(ready.byGender).reduce((a, b) => a + b, 0)).toBe(ready.byKind.individual);
  });

  it('only the approver signs, and only the list they read', () => {
    const view = getFinalList(approver, roundId);
    expect(() => signOffRound(admin, roundId, view.hash)).toThrowError('forbidden');
    expect(() => signOffRound(approver, roundId, '0'.repeat(64))).toThrowError('conflict');
    expect(signOffRound(approver, roundId, view.hash).hash).toBe(view.hash);
    const row = db.select().from(signoffs).where(eq(signoffs.roundId, roundId)).get()!;
    expect(row).toMatchObject({ signedBy: approver.id, listHash: view.hash, withdrawnAt: null });
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, 'round.signoff')).all()).toHaveLength(1);
    expect(() => signOffRound(approver, roundId, view.hash)).toThrowError('frozen');
  });

  it('freezes the list: every change is refused', () => {
    const [approved] = inRound('approved');
    const tanPhong = db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong')).get()!.id;
    expect(() => reconsiderNomination(approver, approved, 'Xem lại phiếu')).toThrowError('frozen');
    expect(() => setUnitQuota(admin, roundId, tanPhong, { collectives: 1, individuals: 1 })).toThrowError('frozen');
    expect(() => transitionRound(admin, roundId, 'open')).toThrowError('frozen');
    expect(statusOf(approved)).toBe('approved');
  });

  it('is withdrawn by the approver with a reason; the list changes; signing again records a new hash', () => {
    expect(() => withdrawSignoff(admin, roundId, 'Lý do bất kỳ')).toThrowError('forbidden');
    expect(() => withdrawSignoff(approver, roundId, ' ')).toThrowError('invalid_input');
    const before = getFinalList(approver, roundId).hash;
    withdrawSignoff(approver, roundId, 'Rà soát lại danh sách');
    expect(db.select().from(signoffs).where(eq(signoffs.roundId, roundId)).get()!.withdrawReason).toBe('Rà soát lại danh sách');
    expect(() => decideRound(admin, roundId, decision)).toThrowError('precondition');
    const [approved] = inRound('approved');
    reconsiderNomination(approver, approved, 'Xem lại phiếu');
    expect(statusOf(approved)).toBe('checked');
    decideNomination(approver, approved, 'reject', { for: 2, against: 7, total: 9 });
    const after = getFinalList(approver, roundId);
    expect(after.hash).not.toBe(before);
    signOffRound(approver, roundId, after.hash);
    expect(getFinalList(admin, roundId).history.map((s) => !!s.withdrawnAt)).toEqual([false, true]);
  });

  it('refuses a decision on a list that no longer matches the signed one', () => {
    const [first] = getFinalList(admin, roundId).entries.filter((e) => e.kind === 'individual');
    const nominee = db.select({ individualId: nominations.individualId }).from(nominations).where(eq(nominations.id, first.nominationId)).get()!.individualId!;
    const name = db.select({ n: individuals.fullName }).from(individuals).where(eq(individuals.id, nominee)).get()!.n;
    db.update(individuals).set({ fullName: `${name} (sửa)` }).where(eq(individuals.id, nominee)).run();
    expect(() => decideRound(admin, roundId, decision)).toThrowError('conflict');
    db.update(individuals).set({ fullName: name }).where(eq(individuals.id, nominee)).run();
  });

  it('refuses a decision dated after today (Vietnam time) and records nothing', () => {
    const now = new Date('2026-11-30T18:00:00Z'); // 1 December 2026, 01:00 in Vietnam
    expect(() => decideRound(admin, roundId, { ...decision, decisionDate: '2030-01-01' }, now)).toThrowError('future_date');
    expect(() => decideRound(admin, roundId, { ...decision, decisionDate: '2026-12-02' }, now)).toThrowError('future_date');
    expect(db.select({ s: rounds.status, n: rounds.decisionNumber }).from(rounds).where(eq(rounds.id, roundId)).get()).toEqual({ s: 'reviewing', n: null });
  });

  it('the decision is recorded on the signed list and its annex carries the hash', async () => {
    const signed = getFinalList(admin, roundId).standing!.listHash;
    const { awards } = decideRound(admin, roundId, { ...decision, decisionSignerTitle: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' });
    expect(awards).toBe(getFinalList(admin, roundId).entries.length);
    // Every certificate at once, with the signer's title; the annex carries each achievement.
    const bulk = getRoundCertificates(admin, roundId);
    expect(bulk.certificates).toHaveLength(awards);
    expect(new Set(bulk.certificates.map((c) => c.decisionSignerTitle))).toEqual(new Set(['KT. CHỦ TỊCH / PHÓ CHỦ TỊCH']));
    expect(() => getRoundCertificates(officer, roundId)).toThrowError('not_found');
    const list = getDecisionList(admin, DEMO_SLUGS.open);
    const docx = await JSZip.loadAsync(await decisionDocx(list));
    const xml = await docx.file('word/document.xml')!.async('string');
    expect(xml).toContain('Thành tích');
    const summary = [...list.individuals, ...list.collectives].find((e) => e.summary)!.summary;
    expect(xml).toContain(summary.slice(0, 30).replace(/&/g, '&amp;'));
    expect(getDecisionList(admin, DEMO_SLUGS.open).listHash).toBe(signed);
    // After the decision the sign-off stands for good.
    expect(() => withdrawSignoff(approver, roundId, 'Quá muộn')).toThrowError('invalid_state');
    transitionRound(admin, roundId, 'published');
    expect(db.select({ s: rounds.status }).from(rounds).where(eq(rounds.id, roundId)).get()!.s).toBe('published');
  });
});
