// The commendation workflow: every change of a nomination, round or award. Each function takes the
// actor first, checks policy against fresh rows inside one IMMEDIATE transaction, writes the change
// and its audit event together, and returns a small result or throws a DomainError.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import { transaction } from '@/db/client';
import type { DB } from '@/db/connection';
import {
  awards,
  collectives,
  individuals,
  nominationComments,
  nominations,
  roundQuotas,
  rounds,
  units,
  type CouncilRule,
  type NomineeKind,
  type RoundStatus,
} from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import {
  actsForUnit,
  createNominationRefusal,
  nominationRefusal,
  roundRefusal,
  type Actor,
  type NominationAction,
  type NominationContext,
  type RoundAction,
  inSubtree,
} from '@/lib/policy';
import { addWorkingDays, isFutureDate } from '@/lib/dates';
import { councilRefusal, voteRefusal, type Council, type Tally } from '@/lib/council-rule';
import { hashFinalList, snapshotEntries, standingSignoff, type FinalListEntry } from '@/lib/final-list';
import { indexRoundAwards, unindexAward, unindexRound } from '@/lib/search-index';
import { clean, cleanLines, fold, slugify } from '@/lib/text';
import { nearKey } from '@/lib/name-match';
import { checkSubmission } from '@/lib/eligibility';
import { first, isRowId } from '@/db/query';

export type Tx = DB;

/** Runs `fn` in one write transaction taken up front, so check-then-write cannot interleave (db/client.ts). */
export function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(fn);
}

function refuse(code: string | null): void {
  if (code) throw new DomainError(code as ConstructorParameters<typeof DomainError>[0]);
}

async function audit(tx: Tx, actor: Actor | null, action: string, entityType: string, entityId: number, before: unknown, after: unknown) {
  await appendAudit(tx, { actorId: actor?.id ?? null, action, entityType, entityId, before, after });
}

// ---------------------------------------------------------------------------------------------
// Nominations

/** A nomination with what policy needs to judge an action on it (also used by lib/attachments). */
export async function loadNominationContext(tx: Pick<DB, 'select'>, id: number): Promise<(NominationContext & { id: number; roundId: number; unitId: number; kind: NomineeKind; summary: string; }) | null> {
  if (!isRowId(id)) return null;
  const row = await first(tx
    .select({
      id: nominations.id,
      roundId: nominations.roundId,
      unitId: nominations.unitId,
      kind: nominations.nomineeKind,
      summary: nominations.summary,
      unitPath: units.path,
      status: nominations.status,
      roundStatus: rounds.status,
      windowOpensAt: rounds.windowOpensAt,
      windowClosesAt: rounds.windowClosesAt,
      createdBy: nominations.createdBy,
      submittedBy: nominations.submittedBy,
      nomineeIndividualId: nominations.individualId,
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .innerJoin(rounds, eq(rounds.id, nominations.roundId))
    .where(eq(nominations.id, id)));
  if (!row) return null;
  return { ...row, roundUnitPath: (await roundUnitPath(tx, row.roundId))!, frozen: await roundIsFrozen(tx, row.roundId) };
}

/** The path of the unit that runs a round (its subtree bounds the round), or null when there is no such round. */
export async function roundUnitPath(tx: Pick<DB, 'select'>, roundId: number): Promise<string | null> {
  return (await first(tx.select({ path: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, roundId))))?.path ?? null;
}

/** Loads a round for an administrator's action on it: another office's round reads as not found. */
async function roundForAdmin(tx: Pick<DB, 'select'>, actor: Actor | null, roundId: number, action: RoundAction) {
  refuse(roundRefusal(actor, action));
  const path = isRowId(roundId) ? await roundUnitPath(tx, roundId) : null;
  if (path === null) throw new DomainError('not_found');
  refuse(roundRefusal(actor, action, path));
  return path;
}

/** A round whose final list carries a standing (not withdrawn) sign-off. */
export async function roundIsFrozen(tx: Pick<DB, 'select'>, roundId: number): Promise<boolean> {
  return !!(await standingSignoff(tx, roundId));
}

/** Loads a nomination and checks `action` on it; "not yours" reads as not found. */
async function authorize(tx: Tx, actor: Actor | null, id: number, action: NominationAction, now: Date) {
  const ctx = await loadNominationContext(tx, id);
  if (!ctx) throw new DomainError('not_found');
  refuse(nominationRefusal(actor, action, ctx, now));
  return ctx;
}

export type NewNominee =
  | { kind: 'individual'; individualId: number }
  | { kind: 'collective'; collectiveId: number }
  | { kind: 'individual'; create: { fullName: string; gender?: 'male' | 'female' | 'other' | null; birthYear?: number | null; position?: string | null; partyMember?: boolean; unitId: number } }
  | { kind: 'collective'; create: { name: string; unitId: number } };

/**
 * Creates a draft nomination, and the person or collective when new. A new name that resembles one already
 * in the unit (same words, any case, diacritics or order: lib/name-match.ts) is refused with
 * `possible_duplicate` naming them, unless `confirmDuplicate` says the user has seen them. `within` runs in
 * the same transaction (the dossier's files: lib/dossier-edit.ts).
 */
export async function createNomination(
  actor: Actor | null,
  input: { roundId: number; unitId: number; nominee: NewNominee; summary: string },
  now = new Date(),
  opts: { confirmDuplicate?: boolean; within?: (tx: Tx, id: number) => Promise<void> } = {},
): Promise<{ id: number }> {
  return write(async (tx) => {
    const round = await first(tx.select().from(rounds).where(eq(rounds.id, input.roundId)));
    const unit = await first(tx.select({ id: units.id, path: units.path, active: units.active }).from(units).where(eq(units.id, input.unitId)));
    if (!round || !unit) throw new DomainError('not_found');
    const boundary = (await roundUnitPath(tx, round.id))!;
    refuse(createNominationRefusal(actor, { unitPath: unit.path, roundUnitPath: boundary, roundStatus: round.status, windowOpensAt: round.windowOpensAt, windowClosesAt: round.windowClosesAt }, now));
    const a = actor!;
    let collectiveId: number | null = null;
    let individualId: number | null = null;
    const n = input.nominee;
    // The nominee must belong to the officer's subtree and to the round's, whether found or created here.
    const inScope = async (unitId: number) => {
      const u = await first(tx.select({ path: units.path }).from(units).where(eq(units.id, unitId)));
      if (!u || !inSubtree(u.path, a.unitPath) || !inSubtree(u.path, boundary)) throw new DomainError('not_found');
    };
    if ('create' in n) {
      await inScope(n.create.unitId);
      if (!opts.confirmDuplicate) {
        const similar = await similarInUnit(tx, n.kind, n.create.unitId, n.kind === 'individual' ? n.create.fullName : n.create.name);
        if (similar.length) throw new DomainError('possible_duplicate', { field: 'name', names: similar.map((x) => x.name).join('; ') });
      }
      if (n.kind === 'individual') {
        const fullName = clean(n.create.fullName);
        individualId = (await first(tx
          .insert(individuals)
          .values({
            fullName,
            nameFolded: fold(fullName),
            gender: n.create.gender ?? null,
            birthYear: n.create.birthYear ?? null,
            position: n.create.position ? clean(n.create.position) : null,
            partyMember: !!n.create.partyMember,
            unitId: n.create.unitId,
          })
          .returning({ id: individuals.id })))!.id;
        await audit(tx, a, 'individual.create', 'individual', individualId, null, { fullName, unitId: n.create.unitId });
      } else {
        const name = clean(n.create.name);
        const kind = (await first(tx.select({ kind: units.kind }).from(units).where(eq(units.id, n.create.unitId))))!.kind;
        collectiveId = (await first(tx
          .insert(collectives)
          .values({ name, nameFolded: fold(name), unitId: n.create.unitId, kind })
          .returning({ id: collectives.id })))!.id;
        await audit(tx, a, 'collective.create', 'collective', collectiveId, null, { name, unitId: n.create.unitId });
      }
    } else if (n.kind === 'individual') {
      const p = await first(tx.select({ unitId: individuals.unitId }).from(individuals).where(eq(individuals.id, n.individualId)));
      if (!p) throw new DomainError('not_found');
      await inScope(p.unitId);
      individualId = n.individualId;
    } else {
      const c = await first(tx.select({ unitId: collectives.unitId }).from(collectives).where(eq(collectives.id, n.collectiveId)));
      if (!c) throw new DomainError('not_found');
      await inScope(c.unitId);
      collectiveId = n.collectiveId;
    }
    const duplicate = await first(tx
      .select({ id: nominations.id })
      .from(nominations)
      .where(
        and(
          eq(nominations.roundId, round.id),
          individualId ? eq(nominations.individualId, individualId) : eq(nominations.collectiveId, collectiveId!),
        ),
      ));
    if (duplicate) throw new DomainError('conflict', { id: duplicate.id });
    const summary = clean(input.summary);
    const id = (await first(tx
      .insert(nominations)
      .values({ roundId: round.id, nomineeKind: n.kind, collectiveId, individualId, unitId: unit.id, summary, status: 'draft', createdBy: a.id, updatedAt: now })
      .returning({ id: nominations.id })))!.id;
    await audit(tx, a, 'nomination.create', 'nomination', id, null, { roundId: round.id, kind: n.kind, collectiveId, individualId, unitId: unit.id, status: 'draft' });
    await opts.within?.(tx, id);
    return { id };
  });
}

/** People (or collectives) of a unit whose names match `name` once case, diacritics, đ, spacing and word
 * order are set aside: the same person typed again. */
export async function similarInUnit(tx: Pick<DB, 'select'>, kind: NomineeKind, unitId: number, name: string): Promise<Array<{ id: number; name: string; }>> {
  const t = kind === 'individual' ? individuals : collectives;
  const nameCol = kind === 'individual' ? individuals.fullName : collectives.name;
  const rows = await tx.select({ id: t.id, name: nameCol }).from(t).where(and(eq(t.unitId, unitId), isNull(t.mergedIntoId)));
  const key = nearKey(name);
  return rows.filter((r) => nearKey(r.name) === key).slice(0, 5);
}

/** Marks an action taken by an admin for the nominating unit, so the audit says on whose behalf. */
function behalf(actor: Actor | null, ctx: NominationContext & { unitId: number }): { onBehalfOfUnit?: number } {
  return actsForUnit(actor, ctx) === 'on_behalf' ? { onBehalfOfUnit: ctx.unitId } : {};
}

export async function updateNomination(actor: Actor | null, id: number, input: { summary: string }, now = new Date()): Promise<void> {
  await write(async (tx) => {
    const ctx = await authorize(tx, actor, id, 'edit', now);
    const summary = clean(input.summary);
    await tx.update(nominations).set({ summary, updatedAt: now }).where(eq(nominations.id, id));
    await audit(tx, actor, 'nomination.edit', 'nomination', id, { summary: ctx.summary }, { summary, ...behalf(actor, ctx) });
  });
}

/**
 * Submits a draft, or resubmits a returned nomination — also while the round is in review, and by an
 * admin on the unit's behalf (a ward without an officer account is never stuck).
 */
export async function submitNomination(actor: Actor | null, id: number, now = new Date(), opts: { exceptionReason?: string } = {}): Promise<void> {
  await write((tx) => submitIn(tx, actor, id, now, opts.exceptionReason));
}

/**
 * Submits inside the caller's transaction (lib/dossier-edit.ts saves the dossier and sends it in one). A
 * nominee who fails an eligibility rule of the round's form is sent only with `exceptionReason`
 * (lib/eligibility.ts), which the nomination keeps and the audit event records.
 */
export async function submitIn(tx: Tx, actor: Actor | null, id: number, now: Date, exceptionReason?: string): Promise<void> {
  const ctx = await authorize(tx, actor, id, 'submit', now);
  if (clean(ctx.summary).length < 10) throw new DomainError('precondition', { missing: 'summary' });
  const checked = await checkSubmission(tx, id, exceptionReason);
  await tx.update(nominations).set({ status: 'submitted', submittedBy: actor!.id, submittedAt: now, updatedAt: now }).where(eq(nominations.id, id));
  await audit(tx, actor, 'nomination.submit', 'nomination', id, { status: ctx.status }, { status: 'submitted', ...checked, ...behalf(actor, ctx) });
}

/** The edit check inside the caller's transaction; returns the nomination's context. */
export function authorizeIn(tx: Tx, actor: Actor | null, id: number, action: NominationAction, now: Date) {
  return authorize(tx, actor, id, action, now);
}

/** Marks an admin's action for the unit (the audit says on whose behalf). */
export function onBehalfOf(actor: Actor | null, ctx: NominationContext & { unitId: number }): { onBehalfOfUnit?: number } {
  return behalf(actor, ctx);
}

/** The unit takes its nomination back (or an admin for it): it leaves the round and blocks nothing. */
export async function withdrawNomination(actor: Actor | null, id: number, reason: string, now = new Date()): Promise<void> {
  const body = clean(reason);
  await write(async (tx) => {
    const ctx = await authorize(tx, actor, id, 'withdraw', now);
    if (body.length < 3 || body.length > 2000) throw new DomainError('invalid_input', { field: 'reason' });
    await tx.update(nominations).set({ status: 'withdrawn', checkedBy: null, checkedAt: null, updatedAt: now }).where(eq(nominations.id, id));
    await tx.insert(nominationComments).values({ nominationId: id, authorId: actor!.id, kind: 'note', body, createdAt: now });
    await audit(tx, actor, 'nomination.withdraw', 'nomination', id, { status: ctx.status }, { status: 'withdrawn', reason: body, ...behalf(actor, ctx) });
  });
}

/** The office leaves a nomination out of the round, with a reason the unit reads on its timeline. */
export async function excludeNomination(actor: Actor | null, id: number, reason: string, now = new Date()): Promise<void> {
  const body = clean(reason);
  await write(async (tx) => {
    const ctx = await authorize(tx, actor, id, 'exclude', now);
    if (body.length < 3 || body.length > 2000) throw new DomainError('invalid_input', { field: 'reason' });
    await tx.update(nominations).set({ status: 'excluded', updatedAt: now }).where(eq(nominations.id, id));
    await tx.insert(nominationComments).values({ nominationId: id, authorId: actor!.id, kind: 'note', body, createdAt: now });
    await audit(tx, actor, 'nomination.exclude', 'nomination', id, { status: ctx.status }, { status: 'excluded', reason: body });
  });
}

export async function returnNomination(actor: Actor | null, id: number, reason: string, now = new Date()): Promise<void> {
  await returnNominations(actor, [id], reason, now);
}

/** Returns several nominations with one reason, all or none (the reviewer's bulk action). */
export async function returnNominations(actor: Actor | null, ids: number[], reason: string, now = new Date()): Promise<void> {
  const body = clean(reason);
  if (body.length < 3) throw new DomainError('invalid_input', { field: 'reason' });
  await write(async (tx) => {
    for (const id of new Set(ids)) {
      const ctx = await authorize(tx, actor, id, 'return', now);
      await tx.update(nominations).set({ status: 'returned', checkedBy: null, checkedAt: null, updatedAt: now }).where(eq(nominations.id, id));
      await tx.insert(nominationComments).values({ nominationId: id, authorId: actor!.id, kind: 'return', body, createdAt: now });
      await audit(tx, actor, 'nomination.return', 'nomination', id, { status: ctx.status }, { status: 'returned', reason: body });
    }
  });
}

export async function checkNomination(actor: Actor | null, id: number, now = new Date()): Promise<void> {
  await checkNominations(actor, [id], now);
}

/** Marks several nominations checked, all or none. */
export async function checkNominations(actor: Actor | null, ids: number[], now = new Date()): Promise<void> {
  await write(async (tx) => {
    for (const id of new Set(ids)) {
      const ctx = await authorize(tx, actor, id, 'check', now);
      await tx.update(nominations).set({ status: 'checked', checkedBy: actor!.id, checkedAt: now, updatedAt: now }).where(eq(nominations.id, id));
      await audit(tx, actor, 'nomination.check', 'nomination', id, { status: ctx.status }, { status: 'checked' });
    }
  });
}

/** A council tally. `abstain` counts abstentions and absent members; `total`, when given instead, is the
 * number of members the older form asked for (abstain = total − for − against). */
export type Vote = { for: number; against: number; abstain?: number; total?: number };

/** The round's council, read inside the caller's transaction. */
export async function roundCouncil(tx: Pick<DB, 'select'>, roundId: number): Promise<Council> {
  const r = await first(tx
    .select({ members: rounds.councilMembers, quorum: rounds.councilQuorum, rule: rounds.councilRule, basis: rounds.councilBasis })
    .from(rounds)
    .where(eq(rounds.id, roundId)));
  if (!r) throw new DomainError('not_found');
  return r;
}

/** Judges a vote by the round's council rule; a refusal names the field at fault and what it falls short of. */
export function tallyOf(council: Council, decision: 'approve' | 'reject', vote: Vote): Tally {
  const abstain = vote.abstain ?? (vote.total != null ? vote.total - vote.for - vote.against : 0);
  const tally = { for: vote.for, against: vote.against, abstain };
  const refusal = voteRefusal(council, decision, tally);
  if (refusal) throw new DomainError('council_vote', refusal);
  return tally;
}

/** Records one approval or rejection: policy, the council's rule, the quota, the change and its audit event. */
export async function decideIn(tx: Tx, actor: Actor | null, id: number, decision: 'approve' | 'reject', vote: Vote, now: Date, sittingId: number | null = null) {
  const ctx = await authorize(tx, actor, id, decision, now);
  const council = await roundCouncil(tx, ctx.roundId);
  const tally = tallyOf(council, decision, vote);
  if (decision === 'approve') await enforceQuota(tx, ctx.roundId, ctx.kind, ctx.unitPath);
  const status = decision === 'approve' ? 'approved' : 'rejected';
  await tx.update(nominations)
    .set({ status, decidedBy: actor!.id, decidedAt: now, voteFor: tally.for, voteAgainst: tally.against, voteAbstain: tally.abstain, voteTotal: council.members, sittingId, updatedAt: now })
    .where(eq(nominations.id, id));
  const recorded = { for: tally.for, against: tally.against, abstain: tally.abstain, total: council.members };
  await audit(tx, actor, `nomination.${decision}`, 'nomination', id, { status: ctx.status }, { status, vote: recorded, rule: council.rule, ...(sittingId ? { sittingId } : {}) });
  return ctx;
}

export async function decideNomination(actor: Actor | null, id: number, decision: 'approve' | 'reject', vote: Vote, now = new Date()): Promise<void> {
  await write(async (tx) => {
    await decideIn(tx, actor, id, decision, vote, now);
  });
}

/** Takes an approval or rejection back to "checked", to be judged again (never on a signed-off list). */
export async function reconsiderNomination(actor: Actor | null, id: number, reason: string, now = new Date()): Promise<void> {
  const body = clean(reason);
  if (body.length < 3) throw new DomainError('invalid_input', { field: 'reason' });
  await write(async (tx) => {
    const ctx = await authorize(tx, actor, id, 'reconsider', now);
    await tx.update(nominations)
      .set({ status: 'checked', decidedBy: null, decidedAt: null, voteFor: null, voteAgainst: null, voteAbstain: null, voteTotal: null, sittingId: null, updatedAt: now })
      .where(eq(nominations.id, id));
    await tx.insert(nominationComments).values({ nominationId: id, authorId: actor!.id, kind: 'note', body, createdAt: now });
    await audit(tx, actor, 'nomination.reconsider', 'nomination', id, { status: ctx.status }, { status: 'checked', reason: body });
  });
}

/** Inside the approval's transaction: the round's quota for the kind, and every per-unit quota above the nominating unit. */
async function enforceQuota(tx: Tx, roundId: number, kind: NomineeKind, unitPath: string): Promise<void> {
  const round = (await first(tx.select({ qc: rounds.quotaCollectives, qi: rounds.quotaIndividuals }).from(rounds).where(eq(rounds.id, roundId))))!;
  const overall = kind === 'collective' ? round.qc : round.qi;
  const approved = async (pathPrefix?: string) =>
    (await first(tx
      .select({ n: sql<number>`count(*)` })
      .from(nominations)
      .innerJoin(units, eq(units.id, nominations.unitId))
      .where(
        and(
          eq(nominations.roundId, roundId),
          eq(nominations.nomineeKind, kind),
          eq(nominations.status, 'approved'),
          pathPrefix ? like(units.path, `${pathPrefix}%`) : undefined,
        ),
      )))!.n;
  if (overall != null && await approved() >= overall) throw new DomainError('quota_exceeded', { scope: 'round', quota: overall });
  const unitQuotas = await tx
    .select({ path: units.path, name: units.name, collectives: roundQuotas.collectives, individuals: roundQuotas.individuals })
    .from(roundQuotas)
    .innerJoin(units, eq(units.id, roundQuotas.unitId))
    .where(eq(roundQuotas.roundId, roundId));
  for (const q of unitQuotas) {
    const limit = kind === 'collective' ? q.collectives : q.individuals;
    if (limit != null && unitPath.startsWith(q.path) && await approved(q.path) >= limit) {
      throw new DomainError('quota_exceeded', { scope: 'unit', unit: q.name, quota: limit });
    }
  }
}

export async function commentOnNomination(actor: Actor | null, id: number, body: string, now = new Date()): Promise<void> {
  await write(async (tx) => {
    await authorize(tx, actor, id, 'comment', now);
    const text = clean(body);
    if (text.length < 1) throw new DomainError('invalid_input', { field: 'body' });
    const kind = actor!.roles.includes('officer') && !actor!.roles.includes('reviewer') ? 'reply' : 'comment';
    const cid = (await first(tx.insert(nominationComments).values({ nominationId: id, authorId: actor!.id, kind, body: text, createdAt: now }).returning({ id: nominationComments.id })))!.id;
    await audit(tx, actor, 'nomination.comment', 'nomination', id, null, { commentId: cid, kind });
  });
}

// ---------------------------------------------------------------------------------------------
// Rounds

export const NEXT_STATUS: Partial<Record<RoundStatus, RoundStatus[]>> = {
  draft: ['open'],
  open: ['reviewing'],
  reviewing: ['open'],
  decided: ['published'],
  published: ['archived'],
};

/** What is missing before `round` may move to `to`: an empty list means it may. */
export async function roundPreconditions(tx: Pick<DB, 'select'>, roundId: number, to: RoundStatus): Promise<string[]> {
  const r = await first(tx.select().from(rounds).where(eq(rounds.id, roundId)));
  if (!r) return ['round'];
  const missing: string[] = [];
  const counts = Object.fromEntries(
    (await tx
      .select({ status: nominations.status, n: sql<number>`count(*)` })
      .from(nominations)
      .where(eq(nominations.roundId, roundId))
      .groupBy(nominations.status))
      .map((c) => [c.status, c.n]),
  ) as Record<string, number>;
  if (to === 'open') {
    if (!r.criteria.trim()) missing.push('criteria');
    if (!r.windowOpensAt || !r.windowClosesAt) missing.push('window');
    if (r.quotaCollectives == null && r.quotaIndividuals == null) missing.push('quota');
  }
  if (to === 'reviewing') {
    if (!counts.submitted && !counts.checked) missing.push('submitted_nominations');
  }
  if (to === 'decided') {
    if ((counts.submitted ?? 0) + (counts.checked ?? 0) + (counts.returned ?? 0) > 0) missing.push('undecided_nominations');
    if (!counts.approved) missing.push('approved_nominations');
    if (r.source === 'workflow' && !(await standingSignoff(tx, roundId))) missing.push('signoff');
    if (!r.decisionNumber || !r.decisionDate || !r.decisionSigner) missing.push('decision');
  }
  return missing;
}

/** Drafts a move to review would leave behind: they can no longer be submitted once the round is in review. */
export async function draftsOf(tx: Pick<DB, 'select'>, roundId: number): Promise<number> {
  return (await first(tx.select({ n: sql<number>`count(*)` }).from(nominations).where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'draft')))))!.n;
}

/**
 * Moves a round along its workflow. Moving to review while drafts remain needs `draftsLeftBehind` to
 * name how many (the number the admin was shown and confirmed): a different number is refused.
 */
export async function transitionRound(actor: Actor | null, roundId: number, to: RoundStatus, now = new Date(), opts: { draftsLeftBehind?: number } = {}): Promise<void> {
  await write(async (tx) => {
    await roundForAdmin(tx, actor, roundId, 'transition');
    const r = await first(tx.select({ id: rounds.id, status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)));
    if (!r) throw new DomainError('not_found');
    if (!(NEXT_STATUS[r.status] ?? []).includes(to)) throw new DomainError('invalid_state', { from: r.status, to });
    // A signed-off list keeps the round in review until the decision (or a withdrawal).
    if (r.status === 'reviewing' && await roundIsFrozen(tx, roundId)) throw new DomainError('frozen');
    const missing = await roundPreconditions(tx, roundId, to);
    if (missing.length) throw new DomainError('precondition', { missing: missing.join(',') });
    const drafts = to === 'reviewing' ? await draftsOf(tx, roundId) : 0;
    if (drafts > 0 && opts.draftsLeftBehind !== drafts) throw new DomainError('precondition', { missing: 'drafts_confirmation', drafts });
    const full = (await first(tx.select({ consultation: rounds.consultation, days: rounds.consultationDays }).from(rounds).where(eq(rounds.id, roundId))))!;
    const extra =
      to === 'published'
        ? { publishedAt: now }
        : to === 'reviewing' && full.consultation
          ? { consultationEndsAt: addWorkingDays(now, full.days ?? 10) }
          : {};
    await tx.update(rounds).set({ status: to, updatedAt: now, ...extra }).where(eq(rounds.id, roundId));
    if (to === 'published') await indexRoundAwards(tx, roundId);
    // The search index holds the public awards only (lib/search-index.ts reads names from it alone).
    if (to === 'archived') await unindexRound(tx, roundId);
    await audit(tx, actor, `round.${to}`, 'round', roundId, { status: r.status }, { status: to, ...(drafts ? { draftsLeftBehind: drafts } : {}) });
  });
}

/** Records the decision (number, date, signer) and freezes the approved list into awards. */
export async function decideRound(
  actor: Actor | null,
  roundId: number,
  decision: { decisionNumber: string; decisionDate: string; decisionSigner: string; decisionPlace?: string | null; decisionSignerTitle?: string | null },
  now = new Date(),
): Promise<{ awards: number }> {
  return write(async (tx) => {
    await roundForAdmin(tx, actor, roundId, 'decide');
    // A decision is recorded once signed: a date still to come is a typing error (2030 for 2026).
    if (isFutureDate(decision.decisionDate, now)) throw new DomainError('future_date', { field: 'decisionDate' });
    const r = await first(tx.select().from(rounds).where(eq(rounds.id, roundId)));
    if (!r) throw new DomainError('not_found');
    if (r.status !== 'reviewing') throw new DomainError('invalid_state', { from: r.status, to: 'decided' });
    const values = {
      decisionNumber: clean(decision.decisionNumber),
      decisionDate: decision.decisionDate,
      decisionSigner: clean(decision.decisionSigner),
      decisionPlace: decision.decisionPlace ? clean(decision.decisionPlace) : r.decisionPlace,
      decisionSignerTitle: decision.decisionSignerTitle ? clean(decision.decisionSignerTitle) : r.decisionSignerTitle,
    };
    await tx.update(rounds).set(values).where(eq(rounds.id, roundId));
    const missing = await roundPreconditions(tx, roundId, 'decided');
    if (missing.length) throw new DomainError('precondition', { missing: missing.join(',') });
    // The decision is the list that was signed: the awards are built from the sign-off's snapshot, in
    // its order, after checking the snapshot still hashes to what was signed.
    const signed = (await standingSignoff(tx, roundId))!;
    const snapshot = await snapshotEntries(tx, signed.id);
    if (signed.listHash !== hashFinalList(r.title, snapshot)) throw new DomainError('conflict', { what: 'list' });
    const count = await createAwards(tx, roundId, snapshot);
    await tx.update(rounds).set({ status: 'decided', decidedAt: now, updatedAt: now }).where(eq(rounds.id, roundId));
    await audit(tx, actor, 'round.decided', 'round', roundId, { status: r.status }, { status: 'decided', ...values, awards: count, listHash: signed.listHash });
    return { awards: count };
  });
}

/** The decision's attached list as awards: one per entry of the given list (the sign-off's snapshot), in its order. */
export async function createAwards(tx: Tx, roundId: number, entries: FinalListEntry[]): Promise<number> {
  for (const e of entries) {
    await tx.insert(awards)
      .values({
        publicId: randomBytes(8).toString('hex'),
        roundId,
        nominationId: e.nominationId,
        nomineeKind: e.kind,
        collectiveId: e.collectiveId,
        individualId: e.individualId,
        ordinal: e.ordinal,
        name: e.name,
        position: e.position,
        unitId: e.unitId,
        unitName: e.unit,
        summary: e.summary,
        gender: e.gender,
        birthYear: e.birthYear,
        partyMember: e.partyMember,
      });
  }
  return entries.length;
}

export async function revokeAward(actor: Actor | null, publicId: string, input: { reason: string; decision: string }, now = new Date()): Promise<void> {
  refuse(roundRefusal(actor, 'revoke'));
  await write(async (tx) => {
    const a = await first(tx
      .select({ id: awards.id, revokedAt: awards.revokedAt, roundStatus: rounds.status, roundId: awards.roundId })
      .from(awards)
      .innerJoin(rounds, eq(rounds.id, awards.roundId))
      .where(eq(awards.publicId, publicId)));
    if (!a) throw new DomainError('not_found');
    await roundForAdmin(tx, actor, a.roundId, 'revoke');
    if (a.revokedAt) throw new DomainError('invalid_state', { from: 'revoked' });
    if (a.roundStatus !== 'published' && a.roundStatus !== 'decided' && a.roundStatus !== 'archived') throw new DomainError('invalid_state');
    const reason = clean(input.reason);
    const decision = clean(input.decision);
    if (reason.length < 3 || decision.length < 1) throw new DomainError('invalid_input', { field: reason.length < 3 ? 'reason' : 'decision' });
    await tx.update(awards).set({ revokedAt: now, revokedBy: actor!.id, revokeReason: reason, revokeDecision: decision }).where(eq(awards.id, a.id));
    await unindexAward(tx, a.id);
    await audit(tx, actor, 'award.revoke', 'award', a.id, { revoked: false }, { revoked: true, reason, decision });
  });
}

export type RoundInput = {
  title: string;
  theme: string;
  period: string;
  authority: string;
  awardForm: string;
  criteria: string;
  windowOpensAt: Date | null;
  windowClosesAt: Date | null;
  quotaCollectives: number | null;
  quotaIndividuals: number | null;
  consultation: boolean;
  consultationDays: number | null;
  /** The council's rule (defaults: 9 members, no quorum, more than half, the rule's default basis). */
  council?: { members: number; quorum: number | null; rule: CouncilRule; basis: string };
};

export async function uniqueSlug(tx: Tx, title: string): Promise<string> {
  const base = slugify(title) || 'dot-khen-thuong';
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (!(await first(tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, slug))))) return slug;
  }
}

function roundValues(input: RoundInput) {
  if (input.windowOpensAt && input.windowClosesAt && input.windowClosesAt < input.windowOpensAt) throw new DomainError('invalid_input', { field: 'windowClosesAt' });
  return {
    title: clean(input.title),
    theme: clean(input.theme),
    period: clean(input.period),
    authority: clean(input.authority),
    awardForm: clean(input.awardForm),
    criteria: cleanLines(input.criteria),
    windowOpensAt: input.windowOpensAt,
    windowClosesAt: input.windowClosesAt,
    quotaCollectives: input.quotaCollectives,
    quotaIndividuals: input.quotaIndividuals,
    consultation: input.consultation,
    consultationDays: input.consultation ? input.consultationDays : null,
    ...(input.council ? councilValues(input.council) : {}),
  };
}

function councilValues(c: NonNullable<RoundInput['council']>) {
  const bad = councilRefusal(c);
  if (bad) throw new DomainError('invalid_input', { field: bad });
  // Empty means the rule's default basis (DEFAULT_BASIS), read where it is shown: it follows a change of rule.
  return { councilMembers: c.members, councilQuorum: c.quorum, councilRule: c.rule, councilBasis: cleanLines(c.basis) };
}

/**
 * A new round, in draft, run by `unitId` — a unit of the admin's own subtree (the body that issues the
 * decision, e.g. the People's Committee under the district) — or by the admin's unit itself.
 */
export async function createRound(actor: Actor | null, input: RoundInput, now = new Date(), opts: { unitId?: number } = {}): Promise<{ id: number; slug: string }> {
  refuse(roundRefusal(actor, 'create'));
  return write(async (tx) => {
    const values = roundValues(input);
    const unitId = opts.unitId ?? actor!.unitId;
    const unit = await first(tx.select({ path: units.path, active: units.active }).from(units).where(eq(units.id, unitId)));
    if (!unit || !unit.active || !inSubtree(unit.path, actor!.unitPath)) throw new DomainError('not_found', { field: 'unitId' });
    const slug = await uniqueSlug(tx, values.title);
    const id = (await first(tx.insert(rounds).values({ ...values, slug, unitId, status: 'draft', createdAt: now, updatedAt: now }).returning({ id: rounds.id })))!.id;
    await audit(tx, actor, 'round.create', 'round', id, null, { ...values, slug, unitId });
    return { id, slug };
  });
}

/** Edits a round's terms while it is a draft or open. */
export async function updateRound(actor: Actor | null, id: number, input: RoundInput, now = new Date()): Promise<void> {
  await write(async (tx) => {
    await roundForAdmin(tx, actor, id, 'edit');
    const r = await first(tx.select().from(rounds).where(eq(rounds.id, id)));
    if (!r) throw new DomainError('not_found');
    if (r.status !== 'draft' && r.status !== 'open') throw new DomainError('invalid_state', { from: r.status });
    const values = roundValues(input);
    await tx.update(rounds).set({ ...values, updatedAt: now }).where(eq(rounds.id, id));
    const before = Object.fromEntries(Object.keys(values).map((k) => [k, r[k as keyof typeof r]]));
    await audit(tx, actor, 'round.edit', 'round', id, before, values);
  });
}

/** Sets (or clears, with nulls) a unit's quota in a round; it binds approvals in that unit's subtree. */
export async function setUnitQuota(actor: Actor | null, roundId: number, unitId: number, quota: { collectives: number | null; individuals: number | null }, now = new Date()): Promise<void> {
  await write(async (tx) => {
    const boundary = await roundForAdmin(tx, actor, roundId, 'edit');
    const r = await first(tx.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)));
    const u = await first(tx.select({ id: units.id, path: units.path }).from(units).where(eq(units.id, unitId)));
    // A quota binds a unit of the round's own subtree.
    if (!r || !u || !inSubtree(u.path, boundary)) throw new DomainError('not_found');
    if (r.status === 'decided' || r.status === 'published' || r.status === 'archived') throw new DomainError('invalid_state', { from: r.status });
    if (await roundIsFrozen(tx, roundId)) throw new DomainError('frozen');
    const before = (await first(tx.select().from(roundQuotas).where(and(eq(roundQuotas.roundId, roundId), eq(roundQuotas.unitId, unitId))))) ?? null;
    await tx.insert(roundQuotas)
      .values({ roundId, unitId, ...quota })
      .onConflictDoUpdate({ target: [roundQuotas.roundId, roundQuotas.unitId], set: quota });
    await audit(tx, actor, 'round.quota', 'round', roundId, before, { unitId, ...quota, at: now.toISOString() });
  });
}
