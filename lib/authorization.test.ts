// Authorization against the data layer, as a table: every actor of two authorities (the district office
// and its ward officers, the neighbouring ward's own office; anonymous and deactivated included) × every
// nomination action × own/other scope × each nomination state × round state × window × whether the
// round's final list stands signed off (frozen). Then the two offices against each other's rounds,
// nominations, exports, audit trail, people, users, units and files.
// The expectations below are the rules written out on their own; each case runs the real lib/
// function on the seeded database inside a savepoint that is rolled back afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, inArray } from 'drizzle-orm';
import { auditEvents, awards, councilSittings, individuals, nominations, rounds, signoffs, units, users, type NominationStatus, type RoundStatus } from '@/db/tables';
import { DEMO_SLUGS, NEIGHBOUR, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, rolledBack, useAsAppDatabase } from '@/tests/db';
import { closeDatabase } from '@/db/connection';

/** What a refused action must leave alone: the audit trail, the council's sittings, every nomination's status. */
async function snapshot(d: DB) {
  return {
    audit: (await d.select({ n: count() }).from(auditEvents))[0].n,
    sittings: (await d.select({ n: count() }).from(councilSittings))[0].n,
    statuses: (await d.select({ id: nominations.id, s: nominations.status }).from(nominations).orderBy(nominations.id)).map((r) => `${r.id}:${r.s}`).join(','),
  };
}
import { isDomainError } from './errors';
import { getNomination, listNominations } from './nominations';
import { getMinutes, recordSitting } from './council';
import type { Actor } from './policy';
import { loadActor, listUsers, resetPassword } from './users';
import {
  checkNomination,
  commentOnNomination,
  createNomination,
  decideNomination,
  excludeNomination,
  reconsiderNomination,
  returnNomination,
  submitNomination,
  transitionRound,
  updateNomination,
  withdrawNomination,
} from './workflow';
import { getRoundForAdmin, listRounds } from './rounds';
import { getFinalList, signOffRound } from './signoff';
import { getCertificate, getDecisionList, roundReportXlsx } from './exports';
import { listAuditEvents } from './audit';
import { getRegistryEntry, listRegistry } from './registry';
import { addAttachment, getAttachment } from './attachments';
import { listUnits, renameUnit } from './units';
import { first } from '@/db/query';

type Who =
  | 'anonymous'
  | 'deactivated'
  | 'officer'
  | 'officer2'
  | 'reviewer'
  | 'approver'
  | 'admin'
  | 'officerApprover'
  | 'reviewerOfficer'
  | 'wardOfficer'
  | 'wardReviewer'
  | 'wardApprover'
  | 'wardAdmin';
const WHO: Who[] = ['anonymous', 'deactivated', 'officer', 'officer2', 'reviewer', 'approver', 'admin', 'officerApprover', 'reviewerOfficer', 'wardOfficer', 'wardReviewer', 'wardApprover', 'wardAdmin'];
const ACTIONS = ['view', 'comment', 'edit', 'submit', 'withdraw', 'exclude', 'return', 'check', 'approve', 'reject', 'reconsider'] as const;
type Action = (typeof ACTIONS)[number];
const ROUND_STATES: RoundStatus[] = ['open', 'reviewing', 'decided'];
type Authority = 'district' | 'ward';

const ROLES: Record<Who, string[]> = {
  anonymous: [],
  deactivated: [],
  officer: ['officer'],
  officer2: ['officer'],
  reviewer: ['reviewer'],
  approver: ['approver'],
  admin: ['admin'],
  officerApprover: ['officer', 'approver'], // the officer who submitted, also an approver of the district office
  reviewerOfficer: ['officer', 'reviewer'], // an officer of Tân Hưng also holding the reviewer role there
  wardOfficer: ['officer'],
  wardReviewer: ['reviewer'],
  wardApprover: ['approver'],
  wardAdmin: ['admin'],
};
/** Whose rounds an actor's office roles act on: the authority whose unit holds the actor's unit
 * at or above the unit running the round. Tân Hưng runs no round, so its reviewer acts on none. */
const OFFICE: Partial<Record<Who, Authority>> = { reviewer: 'district', approver: 'district', admin: 'district', officerApprover: 'district', wardReviewer: 'ward', wardApprover: 'ward', wardAdmin: 'ward' };
/** The nominating units an actor's officer role covers ('*' = the whole district). */
const OFFICER_OF: Partial<Record<Who, string>> = { officer: 'Phường Tân Phong', officer2: 'Phường Tân Hưng', officerApprover: '*', reviewerOfficer: 'Phường Tân Hưng', wardOfficer: NEIGHBOUR };
/** Who created and submitted every seeded nomination of each authority. */
const SUBMITTER: Record<Authority, Who[]> = { district: ['officer', 'officerApprover'], ward: ['wardOfficer'] };

type Case = { id: number; status: NominationStatus; ward: string; authority: Authority };

/** The rules, stated independently of lib/policy.ts. */
function expected(who: Who, action: Action, c: Case, round: RoundStatus, windowOpen: boolean, frozen: boolean): string | null {
  const roles = ROLES[who];
  if (roles.length === 0) return 'not_found';
  const officeHere = OFFICE[who] === c.authority;
  const office = (role: string) => officeHere && roles.includes(role);
  const officerHere = roles.includes('officer') && (OFFICER_OF[who] === c.ward || (OFFICER_OF[who] === '*' && c.authority === 'district'));
  if (!officeHere && !officerHere) return 'not_found';
  // A signed-off list: reading and commenting only.
  if (frozen && action !== 'view' && action !== 'comment') return 'frozen';
  const { status } = c;
  const inProgress = round === 'open' || round === 'reviewing';
  switch (action) {
    case 'view':
    case 'comment':
      return null;
    case 'edit':
    case 'submit':
      // The unit's officer; for a returned nomination also an admin of the round's office, on its behalf.
      if (!officerHere && !(status === 'returned' && office('admin'))) return 'forbidden';
      if (round === 'open' && (status === 'draft' || status === 'returned')) return action === 'submit' && !windowOpen ? 'window_closed' : null;
      // In review a returned nomination is answered, whatever the window.
      return round === 'reviewing' && status === 'returned' ? null : 'invalid_state';
    case 'withdraw':
      if (!officerHere && !office('admin')) return 'forbidden';
      return inProgress && ['draft', 'submitted', 'returned'].includes(status) ? null : 'invalid_state';
    case 'exclude':
      if (!office('admin')) return 'forbidden';
      return inProgress && ['draft', 'submitted', 'returned', 'checked'].includes(status) ? null : 'invalid_state';
    case 'return':
    case 'check':
      if (!office('reviewer')) return 'forbidden';
      if (!inProgress) return 'invalid_state';
      if (action === 'check') return status === 'submitted' ? null : 'invalid_state';
      return status === 'submitted' || status === 'checked' ? null : 'invalid_state';
    case 'approve':
    case 'reject':
      if (!office('approver')) return 'forbidden';
      if (round !== 'reviewing' || status !== 'checked') return 'invalid_state';
      return SUBMITTER[c.authority].includes(who) ? 'separation_of_duties' : null;
    case 'reconsider':
      if (!office('approver')) return 'forbidden';
      if (round !== 'reviewing' || !(status === 'approved' || status === 'rejected')) return 'invalid_state';
      return SUBMITTER[c.authority].includes(who) ? 'separation_of_duties' : null;
  }
}

let db: DB;
let actors: Record<Who, Actor | null>;
let cases: Case[];
let roundIds: number[];
let windowClosesAt: Date;
const userId = async (u: string) => (await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db, { oneConnection: true });
  process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-authz-uploads-'));
  const byName = async (u: string) => (await loadActor(await userId(u)))!;
  const officer = await byName('officer');
  const officer2 = await byName('officer2');
  const approver = await byName('approver');
  await db.update(users).set({ active: false }).where(eq(users.username, 'admin'));
  const deactivated = await loadActor(await userId('admin'));
  await db.update(users).set({ active: true }).where(eq(users.username, 'admin'));
  actors = {
    anonymous: null,
    deactivated,
    officer,
    officer2,
    reviewer: await byName('reviewer'),
    approver,
    admin: await byName('admin'),
    // The submitting officer's account, holding the approver role at the district.
    officerApprover: { ...approver, id: officer.id, roles: ['officer', 'approver'] },
    reviewerOfficer: { ...officer2, roles: ['officer', 'reviewer'] },
    wardOfficer: await byName('tanmyloi.officer'),
    wardReviewer: await byName('tanmyloi.reviewer'),
    wardApprover: await byName('tanmyloi.approver'),
    wardAdmin: await byName('tanmyloi.admin'),
  };
  const district = (await first(db.select().from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!;
  const ward = (await first(db.select().from(rounds).where(eq(rounds.slug, DEMO_SLUGS.neighbour))))!;
  roundIds = [district.id, ward.id];
  windowClosesAt = district.windowClosesAt!;
  // Both rounds share the window, so the table's window dimension holds for both.
  await db.update(rounds).set({ windowOpensAt: district.windowOpensAt, windowClosesAt: district.windowClosesAt }).where(eq(rounds.id, ward.id));
  cases = (await db
    .select({ id: nominations.id, status: nominations.status, ward: units.name, roundId: nominations.roundId })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(inArray(nominations.roundId, roundIds))
    .orderBy(nominations.id))
    .map(({ roundId, ...c }) => ({ ...c, authority: roundId === ward.id ? 'ward' : 'district' }));
});

afterAll(() => closeDatabase(db));

async function run(actor: Actor | null, action: Action, id: number, now: Date): Promise<string | null> {
  try {
    if (action === 'view') await getNomination(actor, id);
    else if (action === 'comment') await commentOnNomination(actor, id, 'Ý kiến trao đổi', now);
    else if (action === 'edit') await updateNomination(actor, id, { summary: 'Thành tích đã được cập nhật đầy đủ.' }, now);
    else if (action === 'submit') await submitNomination(actor, id, now);
    else if (action === 'return') await returnNomination(actor, id, 'Bổ sung biên bản họp', now);
    else if (action === 'check') await checkNomination(actor, id, now);
    else if (action === 'reconsider') await reconsiderNomination(actor, id, 'Xem xét lại số phiếu', now);
    else if (action === 'withdraw') await withdrawNomination(actor, id, 'Đơn vị rút đề nghị', now);
    else if (action === 'exclude') await excludeNomination(actor, id, 'Không đủ điều kiện xét', now);
    else await decideNomination(actor, id, action, action === 'approve' ? { for: 8, against: 1, total: 9 } : { for: 2, against: 7, total: 9 }, now);
    return null;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

describe('authorization table (data layer)', () => {
  it('the seeded rounds have nominations in every state, of both district wards and of the neighbouring ward', () => {
    expect(new Set(cases.filter((c) => c.authority === 'district').map((c) => c.status)).size).toBe(6);
    expect(new Set(cases.filter((c) => c.authority === 'ward').map((c) => c.status))).toEqual(new Set(['submitted', 'checked', 'returned']));
    expect(actors.deactivated).toBeNull();
  });

  it('every actor of both authorities × action × scope × state × round state × window × sign-off gives the expected outcome', async () => {
    let count = 0;
    const failures: string[] = [];
    const signer = { district: actors.approver!.id, ward: actors.wardApprover!.id };
    // A sign-off stands only while the round is in review (then it is the decision's).
    for (const [frozen, states] of [[false, ROUND_STATES], [true, ['reviewing']]] as const)
    for (const roundState of states) {
      // The rounds' state for every case below, rolled back after them; each case is a savepoint inside it.
      await rolledBack(async (db) => {
        await db.update(rounds).set({ status: roundState }).where(inArray(rounds.id, roundIds));
        if (frozen) {
          await db.insert(signoffs).values({ roundId: roundIds[0], signedBy: signer.district, signedAt: new Date(), listHash: 'f'.repeat(64) });
          await db.insert(signoffs).values({ roundId: roundIds[1], signedBy: signer.ward, signedAt: new Date(), listHash: 'f'.repeat(64) });
        }
        for (const windowOpen of [true, false]) {
          const now = windowOpen ? new Date() : new Date(windowClosesAt.getTime() + 86_400_000);
          for (const who of WHO) {
            // A closed window matters to submitting (and is harmless to editing) only.
            for (const action of windowOpen ? ACTIONS : (['edit', 'submit'] as const)) {
              for (const c of cases) {
                await rolledBack(async () => {
                  const got = await run(actors[who], action, c.id, now);
                  const want = expected(who, action, c, roundState, windowOpen, frozen);
                  if (got !== want) failures.push(`${who} ${action} #${c.id} (${c.status}, ${c.ward}, round ${roundState}, window ${windowOpen ? 'open' : 'closed'}${frozen ? ', frozen' : ''}): got ${got}, want ${want}`);
                  count++;
                });
              }
            }
          }
        }
      });
    }
    expect(failures.slice(0, 20)).toEqual([]);
    console.log(`authorization cases: ${count}`);
    expect(count).toBeGreaterThan(10_000);
  }, 600_000); // about 15,000 real transactions: under a minute alone, longer on a busy machine

  it('a refused action changes nothing and writes no audit event', async () => {
    const before = await snapshot(db);
    const draft = cases.find((c) => c.status === 'draft' && c.ward === 'Phường Tân Phong')!;
    expect(await run(actors.officer2, 'submit', draft.id, new Date())).toBe('not_found');
    expect(await run(actors.reviewer, 'submit', draft.id, new Date())).toBe('forbidden');
    expect(await run(actors.wardAdmin, 'exclude', draft.id, new Date())).toBe('not_found');
    expect(await snapshot(db)).toEqual(before);
  });
});

// The council's actions: record the sitting, vote the checked list at it, export its minutes — every actor
// × round state × sign-off. Voting runs each row as a single approval would (separation of duties per row).
describe('authorization table: council sitting, list vote, minutes export', () => {
  const sitting = { heldOn: '2026-11-20', place: 'Phòng họp UBND Quận 7', chair: 'Võ Thanh Sơn', secretary: 'Trương Thị Mỹ Hạnh', membersPresent: ['Võ Thanh Sơn', 'Lê Văn Tâm', 'Ngô Quang Vinh', 'Bùi Thanh Hà', 'Đặng Văn Lực'] };
  type CouncilAction = 'sitting' | 'vote' | 'minutes';

  function expectedCouncil(who: Who, action: CouncilAction, round: RoundStatus, frozen: boolean): string | null {
    const approver = ROLES[who].includes('approver');
    // The ward's office is another authority: the district's round, its sitting and minutes read as not found.
    const otherAuthority = who.startsWith('ward');
    if (action === 'minutes') return !otherAuthority && (approver || ROLES[who].includes('admin')) ? null : 'not_found';
    if (!approver) return 'forbidden';
    if (otherAuthority) return 'not_found';
    if (round !== 'reviewing') return 'invalid_state';
    if (frozen) return 'frozen';
    // Every demo nomination was submitted by `officer`: holding the approver role too, they may not vote on any row.
    if (action === 'vote' && who === 'officerApprover') return 'council_vote:separation_of_duties';
    return null;
  }

  async function runCouncil(actor: Actor | null, action: CouncilAction, now: Date): Promise<string | null> {
    try {
      if (action === 'minutes') await getMinutes(actor, DEMO_SLUGS.published);
      else {
        const votes = action === 'vote' ? cases.filter((c) => c.authority === 'district' && c.status === 'checked').map((c) => ({ nominationId: c.id, decision: 'approve' as const, for: 8, against: 1 })) : [];
        await recordSitting(actor, roundIds[0], { ...sitting, votes }, now);
      }
      return null;
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (e.code === 'council_vote' && e.params.reason === 'rows') {
        const codes = new Set((JSON.parse(String(e.params.rows)) as Array<{ code: string }>).map((r) => r.code));
        return `council_vote:${[...codes].join(',')}`;
      }
      return e.code;
    }
  }

  it('every actor × action × round state × sign-off gives the expected outcome', async () => {
    const failures: string[] = [];
    let count = 0;
    const now = new Date();
    for (const [frozen, states] of [[false, ROUND_STATES], [true, ['reviewing']]] as const)
    for (const roundState of states) {
      for (const who of WHO) {
        for (const action of ['sitting', 'vote', 'minutes'] as const) {
          await rolledBack(async (db) => {
            await db.update(rounds).set({ status: roundState }).where(eq(rounds.id, roundIds[0]));
            if (frozen) await db.insert(signoffs).values({ roundId: roundIds[0], signedBy: actors.approver!.id, signedAt: now, listHash: 'f'.repeat(64) });
            const got = await runCouncil(actors[who], action, now);
            const want = expectedCouncil(who, action, roundState, frozen);
            if (got !== want) failures.push(`${who} ${action} (round ${roundState}${frozen ? ', frozen' : ''}): got ${got}, want ${want}`);
            count++;
          });
        }
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBe(WHO.length * 3 * 4);
  });

  it('a refused sitting writes nothing', async () => {
    await rolledBack(async (db) => {
      await db.update(rounds).set({ status: 'reviewing' }).where(eq(rounds.id, roundIds[0]));
      const before = await snapshot(db);
      expect(await runCouncil(actors.officerApprover, 'vote', new Date())).toBe('council_vote:separation_of_duties');
      expect(await runCouncil(actors.reviewer, 'sitting', new Date())).toBe('forbidden');
      expect(await snapshot(db)).toEqual(before);
    });
  });
});

/** The outcome of `fn`: 'ok', or the DomainError code. */
async function outcome(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

describe('two authorities in one deployment', () => {
  it("neither office sees, reviews, approves, exports or audits the other's rounds, nominations, people or files", async () => {
    const district = { admin: actors.admin!, reviewer: actors.reviewer!, approver: actors.approver!, officer: actors.officer! };
    const ward = { admin: actors.wardAdmin!, reviewer: actors.wardReviewer!, approver: actors.wardApprover!, officer: actors.wardOfficer! };
    const [districtRound, wardRound] = roundIds;
    const published = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.published))))!.id;
    const award = (await first(db.select({ publicId: awards.publicId, individualId: awards.individualId }).from(awards).where(and(eq(awards.roundId, published), eq(awards.nomineeKind, 'individual')))))!;
    const wardCase = (s: NominationStatus) => cases.find((c) => c.authority === 'ward' && c.status === s)!.id;
    const districtCase = (s: NominationStatus) => cases.find((c) => c.authority === 'district' && c.status === s)!.id;
    const wardPerson = (await first(db.select({ id: nominations.individualId }).from(nominations).where(eq(nominations.id, wardCase('submitted')))))!.id!;

    await rolledBack(async (db) => {
      // Files: each side attaches one to its own returned nomination.
      const pdf = new TextEncoder().encode('%PDF-1.7\nbiên bản họp xét\n%%EOF\n');
      const wardFile = await addAttachment(ward.officer, wardCase('returned'), { name: 'bien-ban.pdf', bytes: pdf });
      await db.update(rounds).set({ status: 'open' }).where(eq(rounds.id, districtRound));
      const districtFile = await addAttachment(district.officer, districtCase('draft'), { name: 'bien-ban.pdf', bytes: pdf });

      for (const [mine, myRound, myNomination, theirRound, theirNomination, theirFile] of [
        [district, districtRound, districtCase('checked'), wardRound, wardCase('checked'), wardFile.id],
        [ward, wardRound, wardCase('checked'), districtRound, districtCase('checked'), districtFile.id],
      ] as const) {
        // Rounds: not listed, not opened, not moved, no final list to read or sign.
        for (const a of Object.values(mine)) expect((await listRounds(a)).items.map((r) => r.id)).not.toContain(theirRound);
        expect((await listRounds(mine.admin)).items.map((r) => r.id)).toContain(myRound);
        expect(await outcome(() => getRoundForAdmin(mine.admin, theirRound))).toBe('not_found');
        expect(await outcome(() => transitionRound(mine.admin, theirRound, 'open'))).toBe('not_found');
        expect(await outcome(() => getFinalList(mine.approver, theirRound))).toBe('not_found');
        expect(await outcome(() => getFinalList(mine.admin, theirRound))).toBe('not_found');
        expect(await outcome(() => signOffRound(mine.approver, theirRound, '0'.repeat(64)))).toBe('not_found');
        // Nominations: not listed, not opened, not reviewed, not approved.
        for (const a of Object.values(mine)) {
          expect((await listNominations(a, { roundId: theirRound })).total).toBe(0);
          expect(await outcome(() => getNomination(a, theirNomination))).toBe('not_found');
        }
        expect(await outcome(() => returnNomination(mine.reviewer, theirNomination, 'Bổ sung hồ sơ'))).toBe('not_found');
        expect(await outcome(() => decideNomination(mine.approver, theirNomination, 'approve', { for: 9, against: 0, total: 9 }))).toBe('not_found');
        // Files: the other office's attachment reads as not found.
        for (const a of Object.values(mine)) expect(await outcome(() => getAttachment(a, theirFile))).toBe('not_found');
        // Audit: the other office's round and nominations are not in the trail.
        const trail = (await listAuditEvents(mine.admin, { entityType: 'round', entityId: theirRound })).rows;
        expect(trail).toEqual([]);
        expect((await listAuditEvents(mine.admin, { entityType: 'nomination', entityId: theirNomination })).rows).toEqual([]);
        expect((await listAuditEvents(mine.admin, { entityType: 'nomination', entityId: myNomination })).rows.length).toBeGreaterThan(0);
        expect((await listRounds(mine.reviewer)).items.map((r) => r.id)).toContain(myRound);
      }

      // The district's decided round: its exports and certificates are the district's alone.
      expect((await getDecisionList(district.admin, DEMO_SLUGS.published)).collectives).toHaveLength(70);
      for (const a of Object.values(ward)) {
        expect(await outcome(() => getDecisionList(a, DEMO_SLUGS.published))).toBe('not_found');
        expect(await outcome(() => getCertificate(a, award.publicId))).toBe('not_found');
        await expect(roundReportXlsx(a, DEMO_SLUGS.published)).rejects.toThrowError('not_found');
      }
      // People: each registry holds its own authority's people only.
      expect(await outcome(() => getRegistryEntry(ward.admin, 'individual', award.individualId!))).toBe('not_found');
      expect(await outcome(() => getRegistryEntry(district.reviewer, 'individual', wardPerson))).toBe('not_found');
      expect((await getRegistryEntry(ward.reviewer, 'individual', wardPerson)).id).toBe(wardPerson);
      const wardPeople = (await listRegistry(ward.admin, 'individual')).items.map((r) => r.unit);
      expect(wardPeople.length).toBeGreaterThan(0);
      expect(wardPeople.every((u) => u.includes('Tân Mỹ Lợi'))).toBe(true);
      expect((await listRegistry(district.admin, 'individual', { q: (await first(db.select({ n: individuals.fullName }).from(individuals).where(eq(individuals.id, wardPerson))))!.n })).items.every((r) => !r.unit.includes('Tân Mỹ Lợi'))).toBe(true);
      // Users and units: each admin manages their own.
      expect((await listUsers(ward.admin)).map((u) => u.username).sort()).toEqual(['tanmyloi.admin', 'tanmyloi.approver', 'tanmyloi.officer', 'tanmyloi.reviewer']);
      expect((await listUsers(district.admin)).some((u) => u.username.startsWith('tanmyloi.'))).toBe(false);
      await expect(resetPassword(ward.admin, district.admin.id, 'mat-khau-tam-thoi')).rejects.toThrowError('not_found');
      expect((await listUnits(ward.admin)).every((u) => u.name.includes('Tân Mỹ Lợi'))).toBe(true);
      expect(await outcome(() => renameUnit(ward.admin, district.admin.unitId, 'Quận Bảy'))).toBe('not_found');
      // Nominating: an officer nominates only into rounds of units above theirs, and only their subtree.
      const wardUnit = ward.officer.unitId;
      expect(await outcome(() => createNomination(ward.officer, { roundId: districtRound, unitId: wardUnit, nominee: { kind: 'individual', individualId: wardPerson }, summary: 'Thành tích tiêu biểu năm 2026 của khu phố.' }))).toBe('not_found');
    });
  });
});
