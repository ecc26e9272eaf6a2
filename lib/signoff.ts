// The approver's sign-off of a round's final list. When every submitted nomination is approved or
// rejected, the approver reads the list with its counts against quota and signs it off: who, when and
// a SHA-256 of the list's content, and a snapshot of the list. A standing sign-off freezes the list (lib/policy
// refuses every change of a nomination, lib/registry and lib/units every edit that would change an entry) until the approver withdraws it with a reason; the decision is recorded only on a signed list,
// and its DOCX annex prints the hash so a paper copy can be matched to the record.
import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb } from '@/db/client';
import type { DB } from '@/db/connection';
import { collectives, individuals, nominations, roundQuotas, rounds, signoffs, units, users, type Gender, type NomineeKind, type RoundStatus } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { finalListEntries, hashFinalList, insertSnapshot, standingSignoff, type FinalListEntry } from '@/lib/final-list';
import { canReadFinalList, PENDING_STATUSES, signoffRefusal, type Actor } from '@/lib/policy';
import { clean, compareVi } from '@/lib/text';
import { write } from '@/lib/workflow';
import { first } from '@/db/query';

type Reader = Pick<DB, 'select'>;

export type Signoff = { id: number; signedBy: string; signedAt: Date; listHash: string; withdrawnBy: string | null; withdrawnAt: Date | null; withdrawReason: string | null };

export type FinalListView = {
  round: { id: number; slug: string; title: string; status: RoundStatus; quotaCollectives: number | null; quotaIndividuals: number | null };
  entries: FinalListEntry[];
  hash: string;
  /** Submitted, checked or returned: nominations still waiting for a judgement. */
  pending: number;
  rejected: number;
  drafts: number;
  byKind: Record<NomineeKind, number>;
  byGender: Record<Gender | 'unknown', number>;
  byUnit: Array<{ unit: string; collectives: number; individuals: number }>;
  quotas: Array<{ unit: string; collectives: number | null; individuals: number | null; approvedCollectives: number; approvedIndividuals: number }>;
  /** Every nomination that keeps the list from being signed off, with what it waits for. */
  waiting: WaitingNomination[];
  /** The approver may sign now. */
  ready: boolean;
  /** Why it may not, when it may not. */
  blockers: Array<'status' | 'pending' | 'empty' | 'signed' | 'over_quota'>;
  standing: Signoff | null;
  history: Signoff[];
  /** Entries of the list sent as exceptions to an eligibility rule, with the unit's reason (lib/eligibility.ts). */
  exceptions: Array<{ nominationId: number; name: string; reason: string }>;
  /** The council's tally of each entry, by nomination id: what the approver signs off on. */
  votes: Record<number, { for: number; against: number; total: number } | undefined>;
};

/** A nomination still waiting: returned ones wait for their unit (or an admin for it), submitted ones for a
 * reviewer, checked ones for the council's vote. */
export type WaitingNomination = { id: number; name: string; unit: string; status: 'submitted' | 'returned' | 'checked'; waitsFor: 'unit' | 'reviewer' | 'approver' };

const WAITS_FOR = { returned: 'unit', submitted: 'reviewer', checked: 'approver' } as const;

async function waitingNominations(db: Reader, roundId: number): Promise<WaitingNomination[]> {
  return (await db
    .select({ id: nominations.id, status: nominations.status, individual: individuals.fullName, collective: collectives.name, unit: units.name })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(and(eq(nominations.roundId, roundId), inArray(nominations.status, [...PENDING_STATUSES]))))
    .map((r) => {
      const status = r.status as WaitingNomination['status'];
      return { id: r.id, name: (r.individual ?? r.collective)!, unit: r.unit, status, waitsFor: WAITS_FOR[status] };
    })
    .sort((a, b) => compareVi(a.unit, b.unit) || compareVi(a.name, b.name));
}

async function roundPath(db: Reader, roundId: number): Promise<string | undefined> {
  if (!Number.isSafeInteger(roundId)) return undefined;
  return (await first(db.select({ path: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, roundId))))?.path;
}

/** The round's unit path, when the actor is of its office (approver or admin); not_found otherwise. */
async function officeRound(db: Reader, actor: Actor | null, roundId: number): Promise<string> {
  const path = await roundPath(db, roundId);
  if (path === undefined || !canReadFinalList(actor, path)) throw new DomainError('not_found');
  return path;
}

/** Signing and withdrawing: approvers of the round's office (another office's round reads as not found). */
async function refuseSignoff(db: Reader, actor: Actor | null, roundId: number): Promise<void> {
  const path = await roundPath(db, roundId);
  const refusal = signoffRefusal(actor, path ?? '\0');
  if (refusal) throw new DomainError(refusal);
  if (path === undefined) throw new DomainError('not_found');
}

async function signoffHistory(db: Reader, roundId: number): Promise<Signoff[]> {
  const signer = alias(users, 'signer');
  const withdrawer = alias(users, 'withdrawer');
  return await db
    .select({
      id: signoffs.id,
      signedBy: signer.displayName,
      signedAt: signoffs.signedAt,
      listHash: signoffs.listHash,
      withdrawnBy: withdrawer.displayName,
      withdrawnAt: signoffs.withdrawnAt,
      withdrawReason: signoffs.withdrawReason,
    })
    .from(signoffs)
    .innerJoin(signer, eq(signer.id, signoffs.signedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, signoffs.withdrawnBy))
    .where(eq(signoffs.roundId, roundId))
    .orderBy(desc(signoffs.id));
}

async function buildView(db: Reader, roundId: number): Promise<FinalListView> {
  const r = await first(db
    .select({ id: rounds.id, slug: rounds.slug, title: rounds.title, status: rounds.status, quotaCollectives: rounds.quotaCollectives, quotaIndividuals: rounds.quotaIndividuals })
    .from(rounds)
    .where(eq(rounds.id, roundId)));
  if (!r) throw new DomainError('not_found');
  const entries = await finalListEntries(db, roundId);
  const statuses = await db.select({ status: nominations.status }).from(nominations).where(eq(nominations.roundId, roundId));
  const count = (...s: string[]) => statuses.filter((x) => s.includes(x.status)).length;
  const byKind = { collective: 0, individual: 0 };
  const byGender = { male: 0, female: 0, other: 0, unknown: 0 };
  const unitCounts = new Map<string, { unit: string; collectives: number; individuals: number }>();
  for (const e of entries) {
    byKind[e.kind]++;
    if (e.kind === 'individual') byGender[e.gender ?? 'unknown']++;
    const u = unitCounts.get(e.unit) ?? { unit: e.unit, collectives: 0, individuals: 0 };
    if (e.kind === 'collective') u.collectives++;
    else u.individuals++;
    unitCounts.set(e.unit, u);
  }
  const quotas = (await db
    .select({ unit: units.name, path: units.path, collectives: roundQuotas.collectives, individuals: roundQuotas.individuals })
    .from(roundQuotas)
    .innerJoin(units, eq(units.id, roundQuotas.unitId))
    .where(eq(roundQuotas.roundId, roundId))
    .orderBy(asc(units.path)))
    .map(({ path, ...q }) => ({
      ...q,
      approvedCollectives: entries.filter((e) => e.kind === 'collective' && e.unitPath.startsWith(path)).length,
      approvedIndividuals: entries.filter((e) => e.kind === 'individual' && e.unitPath.startsWith(path)).length,
    }));
  const history = await signoffHistory(db, roundId);
  const standing = history.find((s) => !s.withdrawnAt) ?? null;
  const overQuota =
    (r.quotaCollectives != null && byKind.collective > r.quotaCollectives) ||
    (r.quotaIndividuals != null && byKind.individual > r.quotaIndividuals) ||
    quotas.some((q) => (q.collectives != null && q.approvedCollectives > q.collectives) || (q.individuals != null && q.approvedIndividuals > q.individuals));
  const waiting = await waitingNominations(db, roundId);
  const pending = waiting.length;
  const blockers: FinalListView['blockers'] = [];
  if (r.status !== 'reviewing') blockers.push('status');
  if (pending) blockers.push('pending');
  if (!entries.length) blockers.push('empty');
  if (standing) blockers.push('signed');
  if (overQuota) blockers.push('over_quota');
  const votes = Object.fromEntries(
    (await db
      .select({ id: nominations.id, for: nominations.voteFor, against: nominations.voteAgainst, total: nominations.voteTotal })
      .from(nominations)
      .where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'approved'))))
      .filter((v) => v.total != null)
      .map((v) => [v.id, { for: v.for ?? 0, against: v.against ?? 0, total: v.total! }]),
  );
  const reasons = new Map(
    (await db
      .select({ id: nominations.id, reason: nominations.eligibilityException })
      .from(nominations)
      .where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'approved'), isNotNull(nominations.eligibilityException))))
      .map((x) => [x.id, x.reason!]),
  );
  const exceptions = entries.filter((e) => reasons.has(e.nominationId)).map((e) => ({ nominationId: e.nominationId, name: e.name, reason: reasons.get(e.nominationId)! }));
  return {
    round: r,
    entries,
    exceptions,
    votes,
    hash: hashFinalList(r.title, entries),
    pending,
    rejected: count('rejected'),
    drafts: count('draft'),
    byKind,
    byGender,
    byUnit: [...unitCounts.values()].sort((a, b) => compareVi(a.unit, b.unit)),
    quotas,
    waiting,
    ready: blockers.length === 0,
    blockers,
    standing,
    history,
  };
}

/** The final list as the approver signs it (administrators read it too). */
export async function getFinalList(actor: Actor | null, roundId: number): Promise<FinalListView> {
  await officeRound(getDb(), actor, roundId);
  return buildView(getDb(), roundId);
}

/**
 * Signs the final list off. `seenHash` is the hash of the list the approver read: when the list
 * changed since, the sign-off is refused rather than given to a list nobody saw.
 */
export async function signOffRound(actor: Actor | null, roundId: number, seenHash: string, now = new Date()): Promise<{ hash: string }> {
  return write(async (tx) => {
    await refuseSignoff(tx, actor, roundId);
    const view = await buildView(tx, roundId);
    if (view.standing) throw new DomainError('frozen');
    if (view.round.status !== 'reviewing') throw new DomainError('invalid_state', { from: view.round.status });
    const missing = view.blockers.filter((b) => b !== 'status' && b !== 'signed');
    if (missing.length) throw new DomainError('precondition', { missing: missing.join(',') });
    if (seenHash !== view.hash) throw new DomainError('conflict');
    const id = (await first(tx.insert(signoffs).values({ roundId, signedBy: actor!.id, signedAt: now, listHash: view.hash }).returning({ id: signoffs.id })))!.id;
    // The list as signed, with everything that lands on each award: the decision is built from it.
    await insertSnapshot(tx, id, view.entries);
    await appendAudit(tx, {
      actorId: actor!.id,
      action: 'round.signoff',
      entityType: 'round',
      entityId: roundId,
      before: null,
      after: { signoffId: id, hash: view.hash, collectives: view.byKind.collective, individuals: view.byKind.individual },
    });
    return { hash: view.hash };
  });
}

/** Withdraws the standing sign-off with a reason, so the list may change again (before the decision only). */
export async function withdrawSignoff(actor: Actor | null, roundId: number, reason: string, now = new Date()): Promise<void> {
  const why = clean(reason);
  await write(async (tx) => {
    await refuseSignoff(tx, actor, roundId);
    if (why.length < 3 || why.length > 2000) throw new DomainError('invalid_input', { field: 'reason' });
    const r = await first(tx.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)));
    if (!r) throw new DomainError('not_found');
    const standing = await standingSignoff(tx, roundId);
    if (!standing) throw new DomainError('invalid_state', { from: 'unsigned' });
    // Once the decision is recorded the list is the decision's: a revocation, not a withdrawal, changes it.
    if (r.status !== 'reviewing') throw new DomainError('invalid_state', { from: r.status });
    await tx.update(signoffs).set({ withdrawnBy: actor!.id, withdrawnAt: now, withdrawReason: why }).where(eq(signoffs.id, standing.id));
    await appendAudit(tx, { actorId: actor!.id, action: 'round.signoff_withdrawn', entityType: 'round', entityId: roundId, before: { hash: standing.listHash }, after: { reason: why } });
  });
}

/** The hash printed in the decision annex's footer: the sign-off the decision was recorded on. */
export async function decisionListHash(actor: Actor | null, roundId: number): Promise<string | null> {
  await officeRound(getDb(), actor, roundId);
  return (await standingSignoff(getDb(), roundId))?.listHash ?? null;
}
