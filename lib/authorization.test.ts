// Authorization against the data layer, as a table: every actor (anonymous and deactivated included)
// × every nomination action × own/other scope × each nomination state × round state × window × whether
// the round's final list stands signed off (frozen).
// The expectations below are the rules written out on their own; each case runs the real lib/
// function on the seeded database inside a savepoint that is rolled back afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { nominations, rounds, signoffs, units, users, type NominationStatus, type RoundStatus } from '@/db/schema';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { isDomainError } from './errors';
import { getNomination } from './nominations';
import { getMinutes, recordSitting } from './council';
import type { Actor } from './policy';
import { loadActor } from './users';
import { checkNomination, commentOnNomination, decideNomination, reconsiderNomination, returnNomination, submitNomination, updateNomination } from './workflow';

type Who = 'anonymous' | 'deactivated' | 'officer' | 'officer2' | 'reviewer' | 'approver' | 'admin' | 'officerApprover' | 'reviewerOfficer';
const WHO: Who[] = ['anonymous', 'deactivated', 'officer', 'officer2', 'reviewer', 'approver', 'admin', 'officerApprover', 'reviewerOfficer'];
const ACTIONS = ['view', 'comment', 'edit', 'submit', 'return', 'check', 'approve', 'reject', 'reconsider'] as const;
type Action = (typeof ACTIONS)[number];
const ROUND_STATES: RoundStatus[] = ['open', 'reviewing', 'decided'];

const ROLES: Record<Who, string[]> = {
  anonymous: [],
  deactivated: [],
  officer: ['officer'],
  officer2: ['officer'],
  reviewer: ['reviewer'],
  approver: ['approver'],
  admin: ['admin'],
  officerApprover: ['officer', 'approver'], // the officer who submitted, also holding the approver role
  reviewerOfficer: ['officer', 'reviewer'],
};
const WARD: Partial<Record<Who, string>> = { officer: 'Phường Tân Phong', officer2: 'Phường Tân Hưng', officerApprover: 'Phường Tân Phong', reviewerOfficer: 'Phường Tân Hưng' };

/** The rules, stated independently of lib/policy.ts. */
function expected(who: Who, action: Action, status: NominationStatus, ward: string, round: RoundStatus, windowOpen: boolean, frozen: boolean): string | null {
  const roles = ROLES[who];
  if (roles.length === 0) return 'not_found';
  const office = roles.some((r) => r !== 'officer');
  const officerHere = roles.includes('officer') && WARD[who] === ward;
  if (!office && !officerHere) return 'not_found';
  // A signed-off list: reading and commenting only.
  if (frozen && action !== 'view' && action !== 'comment') return 'frozen';
  switch (action) {
    case 'view':
    case 'comment':
      return null;
    case 'edit':
    case 'submit':
      if (!officerHere) return 'forbidden';
      if (round !== 'open' || !(status === 'draft' || status === 'returned')) return 'invalid_state';
      return action === 'submit' && !windowOpen ? 'window_closed' : null;
    case 'return':
    case 'check':
      if (!roles.includes('reviewer')) return 'forbidden';
      if (round === 'decided') return 'invalid_state';
      if (action === 'check') return status === 'submitted' ? null : 'invalid_state';
      return status === 'submitted' || status === 'checked' ? null : 'invalid_state';
    case 'approve':
    case 'reject':
      if (!roles.includes('approver')) return 'forbidden';
      if (round !== 'reviewing' || status !== 'checked') return 'invalid_state';
      // Every demo nomination was created and submitted by `officer`.
      return who === 'officerApprover' ? 'separation_of_duties' : null;
    case 'reconsider':
      if (!roles.includes('approver')) return 'forbidden';
      if (round !== 'reviewing' || !(status === 'approved' || status === 'rejected')) return 'invalid_state';
      return who === 'officerApprover' ? 'separation_of_duties' : null;
  }
}

let db: DB;
let actors: Record<Who, Actor | null>;
let cases: Array<{ id: number; status: NominationStatus; ward: string }>;
let roundId: number;
let windowClosesAt: Date;

beforeAll(async () => {
  ({ db } = freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  const byName = (u: string) => loadActor(db.select({ id: users.id }).from(users).where(eq(users.username, u)).get()!.id)!;
  const officer = byName('officer');
  const officer2 = byName('officer2');
  db.update(users).set({ active: false }).where(eq(users.username, 'admin')).run();
  const adminId = db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')).get()!.id;
  const deactivated = loadActor(adminId);
  db.update(users).set({ active: true }).where(eq(users.id, adminId)).run();
  actors = {
    anonymous: null,
    deactivated,
    officer,
    officer2,
    reviewer: byName('reviewer'),
    approver: byName('approver'),
    admin: byName('admin'),
    officerApprover: { ...officer, roles: ['officer', 'approver'] },
    reviewerOfficer: { ...officer2, id: officer2.id, roles: ['officer', 'reviewer'] },
  };
  const round = db.select().from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open)).get()!;
  roundId = round.id;
  windowClosesAt = round.windowClosesAt!;
  cases = db
    .select({ id: nominations.id, status: nominations.status, ward: units.name })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(eq(nominations.roundId, roundId))
    .all();
});

afterAll(() => db.$client.close());

function run(actor: Actor | null, action: Action, id: number, now: Date): string | null {
  try {
    if (action === 'view') getNomination(actor, id);
    else if (action === 'comment') commentOnNomination(actor, id, 'Ý kiến trao đổi', now);
    else if (action === 'edit') updateNomination(actor, id, { summary: 'Thành tích đã được cập nhật đầy đủ.' }, now);
    else if (action === 'submit') submitNomination(actor, id, now);
    else if (action === 'return') returnNomination(actor, id, 'Bổ sung biên bản họp', now);
    else if (action === 'check') checkNomination(actor, id, now);
    else if (action === 'reconsider') reconsiderNomination(actor, id, 'Xem xét lại số phiếu', now);
    else decideNomination(actor, id, action, action === 'approve' ? { for: 8, against: 1, total: 9 } : { for: 2, against: 7, total: 9 }, now);
    return null;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

describe('authorization table (data layer)', () => {
  it('the seeded round has nominations in every state on both sides', () => {
    expect(new Set(cases.map((c) => c.status)).size).toBe(6);
    expect(actors.deactivated).toBeNull();
  });

  it('every actor × action × scope × state × round state × window × sign-off gives the expected outcome', () => {
    let count = 0;
    const failures: string[] = [];
    const approverId = actors.approver!.id;
    // A sign-off stands only while the round is in review (then it is the decision's).
    for (const [frozen, states] of [[false, ROUND_STATES], [true, ['reviewing']]] as const)
    for (const roundState of states) {
      for (const windowOpen of [true, false]) {
        const now = windowOpen ? new Date() : new Date(windowClosesAt.getTime() + 86_400_000);
        for (const who of WHO) {
          for (const action of ACTIONS) {
            for (const c of cases) {
              db.$client.exec('SAVEPOINT authz_case');
              try {
                db.update(rounds).set({ status: roundState }).where(eq(rounds.id, roundId)).run();
                if (frozen) db.insert(signoffs).values({ roundId, signedBy: approverId, signedAt: now, listHash: 'f'.repeat(64) }).run();
                const got = run(actors[who], action, c.id, now);
                const want = expected(who, action, c.status, c.ward, roundState, windowOpen, frozen);
                if (got !== want) failures.push(`${who} ${action} #${c.id} (${c.status}, ${c.ward}, round ${roundState}, window ${windowOpen ? 'open' : 'closed'}${frozen ? ', frozen' : ''}): got ${got}, want ${want}`);
                count++;
              } finally {
                db.$client.exec('ROLLBACK TO authz_case; RELEASE authz_case');
              }
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    console.log(`authorization cases: ${count}`);
    expect(count).toBeGreaterThan(1000);
  }, 180_000); // about 12,000 real transactions: seconds alone, longer on a busy machine

  it('a refused action changes nothing and writes no audit event', () => {
    const before = db.$client.prepare('SELECT (SELECT count(*) FROM audit_events) a, (SELECT group_concat(status) FROM nominations) s').get();
    const draft = cases.find((c) => c.status === 'draft' && c.ward === 'Phường Tân Phong')!;
    expect(run(actors.officer2, 'submit', draft.id, new Date())).toBe('not_found');
    expect(run(actors.reviewer, 'submit', draft.id, new Date())).toBe('forbidden');
    expect(db.$client.prepare('SELECT (SELECT count(*) FROM audit_events) a, (SELECT group_concat(status) FROM nominations) s').get()).toEqual(before);
  });
});

// The council's actions: record the sitting, vote the checked list at it, export its minutes — every actor
// × round state × sign-off. Voting runs each row as a single approval would (separation of duties per row).
describe('authorization table: council sitting, list vote, minutes export', () => {
  const sitting = { heldOn: '2026-11-20', place: 'Phòng họp UBND Quận 7', chair: 'Võ Thanh Sơn', secretary: 'Trương Thị Mỹ Hạnh', membersPresent: ['Võ Thanh Sơn', 'Lê Văn Tâm', 'Ngô Quang Vinh', 'Bùi Thanh Hà', 'Đặng Văn Lực'] };
  type CouncilAction = 'sitting' | 'vote' | 'minutes';

  function expectedCouncil(who: Who, action: CouncilAction, round: RoundStatus, frozen: boolean): string | null {
    const approver = ROLES[who].includes('approver');
    if (action === 'minutes') return approver || ROLES[who].includes('admin') ? null : 'not_found';
    if (!approver) return 'forbidden';
    if (round !== 'reviewing') return 'invalid_state';
    if (frozen) return 'frozen';
    // Every demo nomination was submitted by `officer`: holding the approver role too, they may not vote on any row.
    if (action === 'vote' && who === 'officerApprover') return 'council_vote:separation_of_duties';
    return null;
  }

  function runCouncil(actor: Actor | null, action: CouncilAction, now: Date): string | null {
    try {
      if (action === 'minutes') getMinutes(actor, DEMO_SLUGS.published);
      else {
        const votes = action === 'vote' ? cases.filter((c) => c.status === 'checked').map((c) => ({ nominationId: c.id, decision: 'approve' as const, for: 8, against: 1 })) : [];
        recordSitting(actor, roundId, { ...sitting, votes }, now);
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

  it('every actor × action × round state × sign-off gives the expected outcome', () => {
    const failures: string[] = [];
    let count = 0;
    const now = new Date();
    for (const [frozen, states] of [[false, ROUND_STATES], [true, ['reviewing']]] as const)
    for (const roundState of states) {
      for (const who of WHO) {
        for (const action of ['sitting', 'vote', 'minutes'] as const) {
          db.$client.exec('SAVEPOINT council_case');
          try {
            db.update(rounds).set({ status: roundState }).where(eq(rounds.id, roundId)).run();
            if (frozen) db.insert(signoffs).values({ roundId, signedBy: actors.approver!.id, signedAt: now, listHash: 'f'.repeat(64) }).run();
            const got = runCouncil(actors[who], action, now);
            const want = expectedCouncil(who, action, roundState, frozen);
            if (got !== want) failures.push(`${who} ${action} (round ${roundState}${frozen ? ', frozen' : ''}): got ${got}, want ${want}`);
            count++;
          } finally {
            db.$client.exec('ROLLBACK TO council_case; RELEASE council_case');
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBe(WHO.length * 3 * 4);
  });

  it('a refused sitting writes nothing', () => {
    db.$client.exec('SAVEPOINT council_refused');
    try {
      db.update(rounds).set({ status: 'reviewing' }).where(eq(rounds.id, roundId)).run();
      const before = db.$client.prepare('SELECT (SELECT count(*) FROM audit_events) a, (SELECT count(*) FROM council_sittings) s, (SELECT group_concat(status) FROM nominations) n').get();
      expect(runCouncil(actors.officerApprover, 'vote', new Date())).toBe('council_vote:separation_of_duties');
      expect(runCouncil(actors.reviewer, 'sitting', new Date())).toBe('forbidden');
      expect(db.$client.prepare('SELECT (SELECT count(*) FROM audit_events) a, (SELECT count(*) FROM council_sittings) s, (SELECT group_concat(status) FROM nominations) n').get()).toEqual(before);
    } finally {
      db.$client.exec('ROLLBACK TO council_refused; RELEASE council_refused');
    }
  });
});
