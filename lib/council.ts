// The Emulation-Commendation Council's sitting on a round: the approver records it (date, place, chair,
// secretary, members present) and votes the whole checked list in one transaction, each row judged by the
// round's council rule (lib/council-rule) like a single approval; the minutes (Decree 30 layout) are
// printed from the sitting and the tallies of the nominations it voted.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { AlignmentType, Document, Packer, Table, TableCell, TableRow, WidthType } from 'docx';
import { getDb } from '@/db/client';
import { collectives, councilSittings, individuals, nominations, rounds, units, users, type CouncilRule, type NomineeKind, type RoundStatus } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { DEFAULT_BASIS, votesNeeded } from '@/lib/council-rule';
import { DomainError, isDomainError } from '@/lib/errors';
import { decree30Heading, FONT, listTable, noBorders, para, run, vietnameseDate } from '@/lib/exports';
import { canReadFinalList, hasRole, sittingRefusal, type Actor } from '@/lib/policy';
import { clean, compareVi } from '@/lib/text';
import { decideIn, roundCouncil, roundIsFrozen, write, type Tx } from '@/lib/workflow';
import { first, isRowId } from '@/db/query';

type Reader = Pick<ReturnType<typeof getDb>, 'select'>;

export type SittingInput = { heldOn: string; place: string; chair: string; secretary: string; membersPresent: string[] };
export type RowVote = { nominationId: number; decision: 'approve' | 'reject'; for: number; against: number };
/** A refused row of a sitting's vote: which nominee, and the refusal's code and parameters. */
export type RowRefusal = { nominationId: number; name: string; code: string } & Record<string, string | number>;

export type SittingView = {
  round: { id: number; slug: string; title: string; status: RoundStatus; awardForm: string; frozen: boolean };
  council: { members: number; quorum: number | null; rule: CouncilRule; basis: string; needed: number };
  sitting: (SittingInput & { id: number; recordedBy: string; recordedAt: Date }) | null;
  /** The checked nominations waiting for the council's vote. */
  checked: Array<{ id: number; kind: NomineeKind; name: string; unit: string }>;
  /** What the sitting voted. */
  tallies: Tally[];
};

export type Tally = { nominationId: number; kind: NomineeKind; name: string; unit: string; status: 'approved' | 'rejected'; for: number; against: number; abstain: number; total: number };

async function nomineeRows(db: Reader, where: ReturnType<typeof and>) {
  return (await db
    .select({
      id: nominations.id,
      kind: nominations.nomineeKind,
      individualName: individuals.fullName,
      collectiveName: collectives.name,
      unit: units.name,
      status: nominations.status,
      for: nominations.voteFor,
      against: nominations.voteAgainst,
      abstain: nominations.voteAbstain,
      total: nominations.voteTotal,
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(where))
    .map((r) => ({ ...r, name: (r.individualName ?? r.collectiveName)! }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'collective' ? -1 : 1) || compareVi(a.unit, b.unit) || compareVi(a.name, b.name) || a.id - b.id);
}

async function loadSitting(db: Reader, roundId: number) {
  const s = await first(db
    .select({
      id: councilSittings.id,
      heldOn: councilSittings.heldOn,
      place: councilSittings.place,
      chair: councilSittings.chair,
      secretary: councilSittings.secretary,
      membersPresent: councilSittings.membersPresent,
      recordedBy: users.displayName,
      recordedAt: councilSittings.recordedAt,
    })
    .from(councilSittings)
    .innerJoin(users, eq(users.id, councilSittings.recordedBy))
    .where(eq(councilSittings.roundId, roundId)));
  return s ? { ...s, membersPresent: s.membersPresent.split('\n').filter(Boolean) } : null;
}

async function buildView(db: Reader, roundId: number): Promise<SittingView> {
  const r = await first(db
    .select({ id: rounds.id, slug: rounds.slug, title: rounds.title, status: rounds.status, awardForm: rounds.awardForm, source: rounds.source })
    .from(rounds)
    .where(eq(rounds.id, roundId)));
  if (!r || r.source !== 'workflow') throw new DomainError('not_found');
  const c = await roundCouncil(db, roundId);
  const sitting = await loadSitting(db, roundId);
  const checked = (await nomineeRows(db, and(eq(nominations.roundId, roundId), eq(nominations.status, 'checked')))).map(({ id, kind, name, unit }) => ({ id, kind, name, unit }));
  const tallies = sitting ? await talliesOf(db, sitting.id) : [];
  return {
    round: { id: r.id, slug: r.slug, title: r.title, status: r.status, awardForm: r.awardForm, frozen: await roundIsFrozen(db, roundId) },
    council: { members: c.members, quorum: c.quorum, rule: c.rule, basis: c.basis || DEFAULT_BASIS[c.rule], needed: votesNeeded(c.rule, c.members) },
    sitting,
    checked,
    tallies,
  };
}

async function talliesOf(db: Reader, sittingId: number): Promise<Tally[]> {
  return (await nomineeRows(db, eq(nominations.sittingId, sittingId)))
    .filter((r) => r.status === 'approved' || r.status === 'rejected')
    .map((r) => ({ nominationId: r.id, kind: r.kind, name: r.name, unit: r.unit, status: r.status as Tally['status'], for: r.for ?? 0, against: r.against ?? 0, abstain: r.abstain ?? 0, total: r.total ?? 0 }));
}

/** The path of the unit that runs a round ('' when there is none: no office is over it). */
async function roundUnitPath(db: Reader, roundId: number): Promise<string> {
  if (!isRowId(roundId)) return '';
  return (await first(db.select({ path: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, roundId))))?.path ?? '';
}

/** The council screen of a round: its rule, its sitting, the checked list to vote and what was voted. */
export async function getSitting(actor: Actor | null, roundId: number): Promise<SittingView> {
  if (!canReadFinalList(actor, await roundUnitPath(getDb(), roundId))) throw new DomainError('not_found');
  return buildView(getDb(), roundId);
}

/** A round's council rule as an approver reads it beside the vote. */
export async function getCouncilRule(actor: Actor | null, roundId: number): Promise<SittingView['council']> {
  if (sittingRefusal(actor, await roundUnitPath(getDb(), roundId))) throw new DomainError('not_found');
  const c = await roundCouncil(getDb(), roundId);
  return { members: c.members, quorum: c.quorum, rule: c.rule, basis: c.basis || DEFAULT_BASIS[c.rule], needed: votesNeeded(c.rule, c.members) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function sittingValues(input: SittingInput, members: number, quorum: number | null) {
  if (!ISO_DATE.test(input.heldOn) || Number.isNaN(Date.parse(`${input.heldOn}T00:00:00Z`))) throw new DomainError('invalid_input', { field: 'heldOn' });
  const place = clean(input.place);
  const chair = clean(input.chair);
  const secretary = clean(input.secretary);
  if (!place || place.length > 200) throw new DomainError('invalid_input', { field: 'place' });
  if (!chair || chair.length > 200) throw new DomainError('invalid_input', { field: 'chair' });
  if (!secretary || secretary.length > 200) throw new DomainError('invalid_input', { field: 'secretary' });
  const present = [...new Set(input.membersPresent.map(clean).filter(Boolean))];
  if (present.some((n) => n.length > 200)) throw new DomainError('invalid_input', { field: 'membersPresent' });
  if (present.length === 0 || present.length > members) throw new DomainError('council_vote', { reason: 'present', field: 'membersPresent', present: present.length, members });
  if (quorum != null && present.length < quorum) throw new DomainError('council_vote', { reason: 'present_quorum', field: 'membersPresent', present: present.length, quorum });
  return { heldOn: input.heldOn, place, chair, secretary, membersPresent: present.join('\n') };
}

/**
 * Records the council's sitting on a round (or corrects it) and votes the rows given — the whole checked
 * list — in one IMMEDIATE transaction: each row as a single approval would be (policy, the council's
 * rule, quotas, audit), abstentions/absent being the members who voted neither way. When any row is
 * refused nothing is written, and the error lists every refused row.
 */
export async function recordSitting(actor: Actor | null, roundId: number, input: SittingInput & { votes: RowVote[] }, now = new Date()): Promise<{ sittingId: number; approved: number; rejected: number }> {
  if (!hasRole(actor, 'approver')) throw new DomainError('forbidden');
  if (!isRowId(roundId)) throw new DomainError('not_found');
  return write(async (tx) => {
    const r = await first(tx.select({ id: rounds.id, status: rounds.status, source: rounds.source, unitPath: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, roundId)));
    // Another authority's round reads as not found.
    if (!r || r.source !== 'workflow' || sittingRefusal(actor, r.unitPath)) throw new DomainError('not_found');
    if (r.status !== 'reviewing') throw new DomainError('invalid_state', { from: r.status });
    if (await roundIsFrozen(tx, roundId)) throw new DomainError('frozen');
    const council = await roundCouncil(tx, roundId);
    const values = sittingValues(input, council.members, council.quorum);
    const before = (await first(tx.select().from(councilSittings).where(eq(councilSittings.roundId, roundId)))) ?? null;
    const sittingId = before
      ? ((await tx.update(councilSittings).set({ ...values, recordedBy: actor!.id, recordedAt: now }).where(eq(councilSittings.id, before.id))), before.id)
      : (await first(tx.insert(councilSittings).values({ roundId, ...values, recordedBy: actor!.id, recordedAt: now }).returning({ id: councilSittings.id })))!.id;
    await appendAudit(tx, {
      actorId: actor!.id,
      action: before ? 'council.sitting_edit' : 'council.sitting',
      entityType: 'round',
      entityId: roundId,
      before: before ? { heldOn: before.heldOn, place: before.place, chair: before.chair, secretary: before.secretary, membersPresent: before.membersPresent } : null,
      after: { sittingId, ...values, votes: input.votes.length },
    });
    const refused = await voteRows(tx, actor, roundId, sittingId, council.members, input.votes, now);
    if (refused.length) throw new DomainError('council_vote', { reason: 'rows', rows: JSON.stringify(refused), count: refused.length });
    return { sittingId, approved: input.votes.filter((v) => v.decision === 'approve').length, rejected: input.votes.filter((v) => v.decision === 'reject').length };
  });
}

async function voteRows(tx: Tx, actor: Actor | null, roundId: number, sittingId: number, members: number, votes: RowVote[], now: Date): Promise<RowRefusal[]> {
  const seen = new Set<number>();
  const refused: RowRefusal[] = [];
  const names = new Map((await nomineeRows(tx, eq(nominations.roundId, roundId))).map((n) => [n.id, n.name]));
  for (const v of votes) {
    const name = names.get(v.nominationId) ?? '';
    if (seen.has(v.nominationId)) {
      refused.push({ nominationId: v.nominationId, name, code: 'invalid_input', field: 'nominationId' });
      continue;
    }
    seen.add(v.nominationId);
    // A nomination of another round reads as not found, like one that does not exist.
    if (!names.has(v.nominationId)) {
      refused.push({ nominationId: v.nominationId, name, code: 'not_found' });
      continue;
    }
    try {
      const valid = [v.for, v.against].every((x) => Number.isSafeInteger(x) && x >= 0 && x <= 1000);
      if (valid && v.for + v.against > members) throw new DomainError('council_vote', { reason: 'sum', field: 'voteAgainst', members, sum: v.for + v.against });
      await decideIn(tx, actor, v.nominationId, v.decision, { for: v.for, against: v.against, abstain: valid ? members - v.for - v.against : NaN }, now, sittingId);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      refused.push({ nominationId: v.nominationId, name, code: e.code, ...e.params });
    }
  }
  return refused;
}

// ---------------------------------------------------------------------------------------------
// Minutes

export type Minutes = {
  slug: string;
  title: string;
  authority: string;
  awardForm: string;
  issuer: string;
  council: SittingView['council'];
  sitting: NonNullable<SittingView['sitting']>;
  tallies: Tally[];
};

/** The sitting's minutes as recorded, for the office (approvers and administrators). */
export async function getMinutes(actor: Actor | null, slug: string): Promise<Minutes> {
  if (!canReadFinalList(actor)) throw new DomainError('not_found');
  const db = getDb();
  const r = await first(db
    .select({ id: rounds.id, slug: rounds.slug, title: rounds.title, authority: rounds.authority, awardForm: rounds.awardForm, issuer: units.name, unitPath: units.path })
    .from(rounds)
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(eq(rounds.slug, slug)));
  if (!r || !canReadFinalList(actor, r.unitPath)) throw new DomainError('not_found');
  const view = await buildView(db, r.id);
  if (!view.sitting) throw new DomainError('not_found');
  return { slug: r.slug, title: r.title, authority: r.authority, awardForm: r.awardForm, issuer: r.issuer, council: view.council, sitting: view.sitting, tallies: view.tallies };
}

const RULE_TEXT: Record<CouncilRule, string> = {
  more_than_half: 'quá nửa (trên 50%) tổng số thành viên Hội đồng',
  at_least_80: 'từ 80% tổng số thành viên Hội đồng trở lên',
  at_least_90: 'từ 90% tổng số thành viên Hội đồng trở lên',
};

/** "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in the Decree 30 layout: heading, place and date, members
 * present, agenda, the tally per nominee, conclusion, signatures of the secretary and the chair. */
export async function minutesDocx(m: Minutes): Promise<Buffer> {
  const s = m.sitting;
  const left = (text: string, o: { bold?: boolean; italics?: boolean } = {}, after = 60) => para([run(text, o)], AlignmentType.JUSTIFIED, after);
  const absent = Math.max(0, m.council.members - s.membersPresent.length);
  const approved = m.tallies.filter((t) => t.status === 'approved');
  const rejected = m.tallies.filter((t) => t.status === 'rejected');
  const count = (xs: Tally[], kind: NomineeKind) => xs.filter((t) => t.kind === kind).length;
  const tallyRows = m.tallies.map((t, i) => [
    String(i + 1),
    `${t.name} (${t.kind === 'collective' ? 'tập thể' : 'cá nhân'})`,
    t.unit,
    String(t.for),
    String(t.against),
    String(t.abstain),
    String(t.total),
    t.status === 'approved' ? 'Đề nghị khen thưởng' : 'Không đề nghị',
  ]);
  const signature = (role: string, name: string) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      borders: noBorders,
      children: [para([run(role, { bold: true })]), para([run('(Ký, ghi rõ họ tên)', { italics: true, size: 11 })], AlignmentType.CENTER, 1200), para([run(name, { bold: true })])],
    });
  const doc = new Document({
    creator: 'Vinh Danh',
    title: `Biên bản họp Hội đồng Thi đua – Khen thưởng: ${m.title}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        children: [
          decree30Heading([m.issuer.toUpperCase(), 'HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG'], null, s.place, s.heldOn),
          para([run('')]),
          para([run('BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG', { bold: true, size: 14 })]),
          para([run(`Về việc xét đề nghị tặng ${m.awardForm}: ${m.title}`, { bold: true })], AlignmentType.CENTER, 240),
          left('I. THỜI GIAN, ĐỊA ĐIỂM', { bold: true }),
          left(`Thời gian: ${vietnameseDate(s.heldOn)}. Địa điểm: ${s.place}.`),
          left('II. THÀNH PHẦN', { bold: true }),
          left(`Chủ trì: ${s.chair}. Thư ký: ${s.secretary}.`),
          left(`Thành viên Hội đồng có mặt: ${s.membersPresent.length}/${m.council.members}${absent ? `; vắng mặt: ${absent}` : ''}:`),
          ...s.membersPresent.map((n, i) => left(`${i + 1}. ${n}`, {}, 0)),
          left('III. NỘI DUNG', { bold: true }),
          left(`Xét đề nghị tặng ${m.awardForm} cho ${m.tallies.length} tập thể, cá nhân (${count(m.tallies, 'collective')} tập thể, ${count(m.tallies, 'individual')} cá nhân) trong đợt “${m.title}”, theo hồ sơ đã được thẩm định.`),
          left(`Nguyên tắc biểu quyết: được đề nghị khen thưởng khi có ${RULE_TEXT[m.council.rule]} đồng ý (${m.council.needed}/${m.council.members} phiếu)${m.council.quorum != null ? `; số thành viên biểu quyết tối thiểu: ${m.council.quorum}` : ''}. Căn cứ: ${m.council.basis}`),
          left('IV. KẾT QUẢ BIỂU QUYẾT', { bold: true }, 120),
          listTable(['STT', 'Tập thể, cá nhân', 'Đơn vị đề nghị', 'Đồng ý', 'Không đồng ý', 'Không biểu quyết, vắng', 'Tổng số thành viên', 'Kết quả'], [6, 26, 20, 8, 9, 10, 9, 12], tallyRows),
          para([run('')]),
          left('V. KẾT LUẬN', { bold: true }),
          left(
            `Hội đồng thống nhất đề nghị ${m.authority} tặng ${m.awardForm} cho ${count(approved, 'collective')} tập thể và ${count(approved, 'individual')} cá nhân có tên trên` +
              (rejected.length ? `; không đề nghị ${rejected.length} trường hợp không đạt số phiếu theo quy định.` : '.'),
          ),
          left('Biên bản được lập và thông qua tại cuộc họp./.', { italics: true }, 240),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: noBorders, rows: [new TableRow({ children: [signature('THƯ KÝ', s.secretary), signature('CHỦ TRÌ', s.chair)] })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
