// The council sitting: one transaction votes the whole checked list by the round's rule (all or none,
// every refused row named), the audit records it, and the minutes DOCX holds every tally — the demo's
// 2021–2024 sitting with all 148.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditEvents, councilSittings, individuals, nominations, rounds, units, users } from '@/db/tables';
import { DEMO_SITTING, DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { readDocx } from '@/tests/docx-text';
import { fold } from './text';
import { loadActor } from './users';
import type { Actor } from './policy';
import { getMinutes, getSitting, minutesDocx, recordSitting } from './council';
import { decisionDocx, getDecisionList } from './exports';
import { draftsOf, transitionRound } from './workflow';
import { first } from '@/db/query';

let db: DB;
let admin: Actor;
let approver: Actor;
let roundId: number;
const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;
const audits = async () => (await first(db.select({ n: count() }).from(auditEvents)))!.n;
const sitting = { heldOn: '2026-11-20', place: 'Phòng họp UBND Quận 7', chair: 'Võ Thanh Sơn', secretary: 'Trương Thị Mỹ Hạnh', membersPresent: ['Võ Thanh Sơn', 'Trương Thị Mỹ Hạnh', 'Lê Văn Tâm', 'Ngô Quang Vinh', 'Bùi Thanh Hà', 'Đặng Văn Lực', 'Phan Thị Kim Oanh'] };

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  admin = await byName('admin');
  approver = await byName('approver');
  roundId = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
  // More checked nominations (a ward without a per-unit quota), so the sitting votes a real list.
  const ward = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Phú Mỹ'))))!.id;
  for (let i = 0; i < 6; i++) {
    const name = `Người Họp Xét ${i}`;
    const p = (await first(db.insert(individuals).values({ fullName: name, nameFolded: fold(name), unitId: ward }).returning({ id: individuals.id })))!.id;
    await db.insert(nominations).values({ roundId, nomineeKind: 'individual', individualId: p, unitId: ward, summary: 'Thành tích tiêu biểu trong năm 2026.', status: 'checked' });
  }
  await transitionRound(admin, roundId, 'reviewing', new Date(), { draftsLeftBehind: await draftsOf(db, roundId) });
});

describe('the council sitting', () => {
  it('belongs to approvers, while the round is in review', async () => {
    await expect(recordSitting(admin, roundId, { ...sitting, votes: [] })).rejects.toThrowError('forbidden');
    await expect(getSitting(await byName('officer'), roundId)).rejects.toThrowError('not_found');
    const published = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.published))))!.id;
    await expect(recordSitting(approver, published, { ...sitting, votes: [] })).rejects.toThrowError('invalid_state');
  });

  it('refuses the whole sitting when one row falls below the threshold, naming that row; nothing is written', async () => {
    const view = await getSitting(approver, roundId);
    expect(view.checked.length).toBeGreaterThanOrEqual(8);
    const before = await audits();
    const [low, ...rest] = view.checked;
    const votes = [{ nominationId: low.id, decision: 'approve' as const, for: 4, against: 3 }, ...rest.map((n) => ({ nominationId: n.id, decision: 'approve' as const, for: 7, against: 0 }))];
    let error: unknown;
    try {
      await recordSitting(approver, roundId, { ...sitting, votes });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'council_vote', params: { reason: 'rows', count: 1 } });
    const rows = JSON.parse(String((error as { params: { rows: string } }).params.rows));
    expect(rows).toEqual([expect.objectContaining({ nominationId: low.id, name: low.name, code: 'council_vote', reason: 'short', for: 4, needed: 5, short: 1, members: 9 })]);
    expect(await audits()).toBe(before);
    expect((await first(db.select({ n: count() }).from(councilSittings).where(eq(councilSittings.roundId, roundId))))!.n).toBe(0);
    expect((await getSitting(approver, roundId)).checked).toHaveLength(view.checked.length);
  });

  it('counts the members present against the council and its quorum', async () => {
    await expect(recordSitting(approver, roundId, { ...sitting, membersPresent: Array.from({ length: 10 }, (_, i) => `Thành viên ${i}`), votes: [] })).rejects.toThrowError('council_vote');
    await db.update(rounds).set({ councilQuorum: 8 }).where(eq(rounds.id, roundId));
    try {
      await expect(recordSitting(approver, roundId, { ...sitting, votes: [] })).rejects.toThrowError('council_vote');
    } finally {
      await db.update(rounds).set({ councilQuorum: null }).where(eq(rounds.id, roundId));
    }
  });

  it('votes the whole list in one transaction, audited, linked to the sitting', async () => {
    const view = await getSitting(approver, roundId);
    const [low, ...rest] = view.checked;
    const before = await audits();
    const votes = [{ nominationId: low.id, decision: 'reject' as const, for: 4, against: 3 }, ...rest.map((n) => ({ nominationId: n.id, decision: 'approve' as const, for: 7, against: 0 }))];
    const result = await recordSitting(approver, roundId, { ...sitting, votes });
    expect(result).toMatchObject({ approved: rest.length, rejected: 1 });
    expect(await audits() - before).toBe(votes.length + 1);
    const after = await getSitting(approver, roundId);
    expect(after.checked).toHaveLength(0);
    expect(after.tallies).toHaveLength(votes.length);
    const lowRow = (await first(db.select().from(nominations).where(eq(nominations.id, low.id))))!;
    expect([lowRow.status, lowRow.voteFor, lowRow.voteAgainst, lowRow.voteAbstain, lowRow.voteTotal, lowRow.sittingId]).toEqual(['rejected', 4, 3, 2, 9, result.sittingId]);
    const approved = (await first(db.select({ n: count() }).from(nominations).where(and(eq(nominations.sittingId, result.sittingId), eq(nominations.status, 'approved')))))!.n;
    expect(approved).toBe(rest.length);
  });

  it('the minutes DOCX holds the heading, the sitting, every tally, the conclusion and both signatures', async () => {
    const m = await getMinutes(approver, DEMO_SLUGS.open);
    const docx = await readDocx(await minutesDocx(m));
    const text = docx.paragraphs.join('\n');
    expect(text).toContain('BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG');
    expect(docx.tables[0].flat().join('\n')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(docx.tables[0].flat().join('\n')).toContain('Phòng họp UBND Quận 7, ngày 20 tháng 11 năm 2026');
    expect(text).toContain('Thành viên Hội đồng có mặt: 7/9; vắng mặt: 2');
    for (const name of sitting.membersPresent) expect(text).toContain(name);
    const tallies = docx.tables[1].slice(1);
    expect(tallies).toHaveLength(m.tallies.length);
    for (const [i, t] of m.tallies.entries()) {
      expect(tallies[i].slice(3, 7)).toEqual([String(t.for), String(t.against), String(t.abstain), String(t.total)]);
      expect(tallies[i][1]).toContain(t.name);
    }
    expect(text).toMatch(/KẾT LUẬN[\s\S]*không đề nghị 1 trường hợp/);
    const signatures = docx.tables[2].flat().join('\n');
    expect(signatures).toContain('THƯ KÝ');
    expect(signatures).toContain('CHỦ TRÌ');
    expect(signatures).toContain('Võ Thanh Sơn');
  });

  it('the demo 2021–2024 round carries its sitting: minutes with all 148 tallies, and the annex refers to them', async () => {
    const m = await getMinutes(admin, DEMO_SLUGS.published);
    expect(m.sitting.membersPresent).toEqual(DEMO_SITTING.membersPresent);
    expect(m.tallies).toHaveLength(148);
    expect(m.tallies.every((t) => t.status === 'approved' && t.for + t.against + t.abstain === t.total && t.for >= 5)).toBe(true);
    const docx = await readDocx(await minutesDocx(m));
    expect(docx.tables[1].slice(1)).toHaveLength(148);
    const annex = await readDocx(await decisionDocx(await getDecisionList(admin, DEMO_SLUGS.published)));
    expect(annex.paragraphs.join('\n')).toContain('Theo Biên bản họp Hội đồng Thi đua – Khen thưởng ngày 20 tháng 5 năm 2024');
  });

  it('minutes are read by approvers and administrators only, and only once there is a sitting', async () => {
    await expect(getMinutes(await byName('reviewer'), DEMO_SLUGS.published)).rejects.toThrowError('not_found');
    await expect(getMinutes(await byName('officer'), DEMO_SLUGS.published)).rejects.toThrowError('not_found');
    await expect(getMinutes(approver, DEMO_SLUGS.archive)).rejects.toThrowError('not_found');
  });
});
