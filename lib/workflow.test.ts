// Workflow rules that the authorization table does not reach: per-unit quotas, round preconditions, revocation.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import { auditEvents, awards, nominations, rounds, units, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { decideNomination, reconsiderNomination, revokeAward, setUnitQuota, transitionRound } from './workflow';
import { listPublishedAwards } from './public';
import { first } from '@/db/query';

let db: DB;
let admin: Actor;
let approver: Actor;
let roundId: number;
const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;
const wardPath = async (name: string) => (await first(db.select({ path: units.path }).from(units).where(eq(units.name, name))))!.path;
const checkedIn = async (ward: string) =>
  await db
    .select({ id: nominations.id, kind: nominations.nomineeKind })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'checked'), like(units.path, `${await wardPath(ward)}%`)));

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  admin = await byName('admin');
  approver = await byName('approver');
  roundId = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
});

describe('workflow', () => {
  it('moves only along the workflow; review starts the consultation clock', async () => {
    await expect(transitionRound(admin, roundId, 'decided')).rejects.toThrowError('invalid_state');
    await expect(transitionRound(approver, roundId, 'reviewing')).rejects.toThrowError('forbidden');
    // Drafts would be left behind: the move names how many, and needs that number confirmed.
    const drafts = (await db.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'draft')))).length;
    expect(drafts).toBeGreaterThan(0);
    await expect(transitionRound(admin, roundId, 'reviewing')).rejects.toThrowError('precondition');
    try {
      await transitionRound(admin, roundId, 'reviewing', new Date(), { draftsLeftBehind: drafts - 1 });
    } catch (e) {
      expect((e as { params: object }).params).toEqual({ missing: 'drafts_confirmation', drafts });
    }
    expect((await first(db.select({ s: rounds.status }).from(rounds).where(eq(rounds.id, roundId))))!.s).toBe('open');
    await transitionRound(admin, roundId, 'reviewing', new Date(), { draftsLeftBehind: drafts });
    const r = (await first(db.select({ s: rounds.status, e: rounds.consultationEndsAt }).from(rounds).where(eq(rounds.id, roundId))))!;
    expect(r.s).toBe('reviewing');
    expect(r.e!.getTime()).toBeGreaterThan(Date.now() + 10 * 86_400_000);
  });

  it('a per-unit quota stops approvals in that unit only', async () => {
    const tanPhong = (await first(db.select({ id: units.id }).from(units).where(eq(units.name, 'Phường Tân Phong'))))!.id;
    const [mine] = await checkedIn('Phường Tân Phong');
    const [other] = await checkedIn('Phường Tân Quy');
    await setUnitQuota(admin, roundId, tanPhong, { collectives: 0, individuals: 0 });
    await expect(decideNomination(approver, mine.id, 'approve', { for: 9, against: 0, total: 9 })).rejects.toThrowError('quota_exceeded');
    expect((await first(db.select({ s: nominations.status }).from(nominations).where(eq(nominations.id, mine.id))))!.s).toBe('checked');
    await decideNomination(approver, other.id, 'approve', { for: 9, against: 0, total: 9 });
    expect((await first(db.select({ s: nominations.status }).from(nominations).where(eq(nominations.id, other.id))))!.s).toBe('approved');
    // Rejection is never limited by a quota.
    await decideNomination(approver, mine.id, 'reject', { for: 2, against: 7, total: 9 });
  });

  it('rejects impossible votes', async () => {
    const [c] = await checkedIn('Phường Tân Hưng');
    for (const vote of [{ for: 9, against: 1, total: 9 }, { for: -1, against: 0, total: 9 }, { for: 1, against: 0, total: 0 }, { for: 1.5, against: 0, total: 9 }]) {
      await expect(decideNomination(approver, c.id, 'approve', vote)).rejects.toThrowError('council_vote');
    }
  });

  it('a minority cannot approve: 3 for, 4 against of 9 members is refused, saying what it falls short of; nothing changes', async () => {
    const [c] = await checkedIn('Phường Tân Hưng');
    const audits = async () => (await first(db.select({ n: count() }).from(auditEvents)))!.n;
    const auditBefore = await audits();
    let error: unknown;
    try {
      await decideNomination(approver, c.id, 'approve', { for: 3, against: 4, abstain: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'council_vote', params: { reason: 'short', field: 'voteFor', for: 3, needed: 5, short: 2, members: 9 } });
    expect((await first(db.select({ s: nominations.status }).from(nominations).where(eq(nominations.id, c.id))))!.s).toBe('checked');
    expect(await audits()).toBe(auditBefore);
    // A rejection with a majority for is refused too; the lawful outcomes are recorded with the rule.
    await expect(decideNomination(approver, c.id, 'reject', { for: 5, against: 4, abstain: 0 })).rejects.toThrowError('council_vote');
    await decideNomination(approver, c.id, 'reject', { for: 4, against: 1, abstain: 4 });
    const n = (await first(db.select().from(nominations).where(eq(nominations.id, c.id))))!;
    expect([n.status, n.voteFor, n.voteAgainst, n.voteAbstain, n.voteTotal]).toEqual(['rejected', 4, 1, 4, 9]);
  });

  it('the rule is the round\'s: at 90 % of 10 members, 8 for is refused and 9 for approves', async () => {
    await db.update(rounds).set({ councilMembers: 10, councilRule: 'at_least_90' }).where(eq(rounds.id, roundId));
    try {
      const c = (await first(db
        .select({ id: nominations.id })
        .from(nominations)
        .innerJoin(units, eq(units.id, nominations.unitId))
        .where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'rejected'), eq(units.name, 'Phường Tân Quy')))))!;
      await reconsiderNomination(approver, c.id, 'Biểu quyết lại theo quy chế mới');
      await expect(decideNomination(approver, c.id, 'approve', { for: 8, against: 0, abstain: 2 })).rejects.toThrowError('council_vote');
      // The older form's total stands for the members: 9 of 9 does not fit a council of 10.
      await expect(decideNomination(approver, c.id, 'approve', { for: 9, against: 0, total: 9 })).rejects.toThrowError('council_vote');
      await decideNomination(approver, c.id, 'approve', { for: 9, against: 0, abstain: 1 });
    } finally {
      await db.update(rounds).set({ councilMembers: 9, councilRule: 'more_than_half' }).where(eq(rounds.id, roundId));
    }
  });

  it('revocation keeps the record and takes the award off the public roll', async () => {
    const round = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.published))))!;
    const award = (await first(db.select().from(awards).where(eq(awards.roundId, round.id))))!;
    await expect(revokeAward(approver, award.publicId, { reason: 'Sai thành tích', decision: '12/QĐ-UBND' })).rejects.toThrowError('forbidden');
    await expect(revokeAward(admin, award.publicId, { reason: '', decision: '12/QĐ-UBND' })).rejects.toThrowError('invalid_input');
    await revokeAward(admin, award.publicId, { reason: 'Kê khai không trung thực', decision: '12/QĐ-UBND' });
    await expect(revokeAward(admin, award.publicId, { reason: 'Lần hai', decision: '13/QĐ-UBND' })).rejects.toThrowError('invalid_state');
    const kept = (await first(db.select().from(awards).where(eq(awards.id, award.id))))!;
    expect(kept.revokeReason).toBe('Kê khai không trung thực');
    expect((await listPublishedAwards(DEMO_SLUGS.published))!.some((a) => a.id === award.publicId)).toBe(false);
    expect(await listPublishedAwards(DEMO_SLUGS.published)).toHaveLength(147);
  });
});
