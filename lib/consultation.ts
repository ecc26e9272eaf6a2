// Public consultation (lấy ý kiến): while a round that holds one is in review, its proposed list is
// public until the deadline and anyone may comment on a nominee; reviewers read the comments and may
// hide an abusive one. Comments live in their own table, rate-limited per address and per round; the
// audit trail records their moderation, not every anonymous post.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { collectives, feedback, individuals, nominations, rounds, units } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { getNomination } from '@/lib/nominations';
import { hasRole, isOffice, isStaff, type Actor } from '@/lib/policy';
import { clean } from '@/lib/text';
import { write } from '@/lib/workflow';
import { first } from '@/db/query';

export const FEEDBACK_MAX = 1000;
export const FEEDBACK_PER_HOUR = 5;
/** Comments a round takes in an hour from everyone together (FEEDBACK_ROUND_PER_HOUR overrides). */
export function feedbackPerRoundPerHour(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.FEEDBACK_ROUND_PER_HOUR);
  return Number.isInteger(n) && n > 0 ? n : 300;
}
const PROPOSED = ['submitted', 'checked', 'approved'] as const;

export type ConsultationView = {
  title: string;
  authority: string;
  endsAt: Date;
  open: boolean;
  nominees: Array<{ id: number; kind: 'collective' | 'individual'; name: string; unit: string; summary: string }>;
};

export async function getConsultation(slug: string, now = new Date()): Promise<ConsultationView | null> {
  if (slug.length > 200) return null;
  const db = getDb();
  const r = await first(db.select().from(rounds).where(eq(rounds.slug, slug)));
  if (!r || !r.consultation || r.status !== 'reviewing' || !r.consultationEndsAt) return null;
  const nominees = (await db
    .select({ id: nominations.id, kind: nominations.nomineeKind, person: individuals.fullName, group: collectives.name, unit: units.name, summary: nominations.summary })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(and(eq(nominations.roundId, r.id), inArray(nominations.status, [...PROPOSED])))
    .orderBy(asc(nominations.nomineeKind), asc(nominations.id)))
    .map((n) => ({ id: n.id, kind: n.kind, name: (n.person ?? n.group)!, unit: n.unit, summary: n.summary }));
  return { title: r.title, authority: r.authority, endsAt: r.consultationEndsAt, open: now <= r.consultationEndsAt, nominees };
}

export function hashAddress(address: string): string {
  return createHash('sha256').update(`vinhdanh-feedback:${address}`).digest('hex');
}

export async function addFeedback(input: { slug: string; nominationId: number; name?: string | null; body: string; address: string }, now = new Date()): Promise<void> {
  const body = clean(input.body);
  const name = input.name ? clean(input.name).slice(0, 100) : null;
  if (body.length < 3 || body.length > FEEDBACK_MAX) throw new DomainError('invalid_input', { field: 'body' });
  const addressHash = hashAddress(input.address);
  await write(async (tx) => {
    const view = await getConsultation(input.slug, now);
    if (!view || !view.open) throw new DomainError('not_found');
    if (!view.nominees.some((n) => n.id === input.nominationId)) throw new DomainError('not_found');
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const recent = (await first(tx
      .select({ n: count() })
      .from(feedback)
      .where(and(eq(feedback.addressHash, addressHash), gt(feedback.createdAt, hourAgo)))))!.n;
    if (recent >= FEEDBACK_PER_HOUR) throw new DomainError('rate_limited');
    const roundId = (await first(tx.select({ id: nominations.roundId }).from(nominations).where(eq(nominations.id, input.nominationId))))!.id;
    // Many addresses together (a botnet, or addresses rotated) still cannot flood one round.
    const roundRecent = (await first(tx
      .select({ n: count() })
      .from(feedback)
      .where(and(eq(feedback.roundId, roundId), gt(feedback.createdAt, hourAgo)))))!.n;
    if (roundRecent >= feedbackPerRoundPerHour()) throw new DomainError('rate_limited');
    await tx.insert(feedback).values({ roundId, nominationId: input.nominationId, authorName: name, body, addressHash, createdAt: now });
  });
}

/** A reviewer (or admin) hides an abusive comment, with a reason; audited. */
export async function hideFeedback(actor: Actor | null, feedbackId: number, reason: string, now = new Date()): Promise<void> {
  const why = clean(reason);
  if (why.length < 3 || why.length > 500) throw new DomainError('invalid_input', { field: 'reason' });
  await write(async (tx) => {
    const row = await first(tx.select({ id: feedback.id, nominationId: feedback.nominationId, hiddenAt: feedback.hiddenAt }).from(feedback).where(eq(feedback.id, feedbackId)));
    if (!row || !isStaff(actor) || !isOffice(actor) || !(hasRole(actor, 'reviewer') || hasRole(actor, 'admin'))) throw new DomainError('not_found');
    await getNomination(actor, row.nominationId); // the round's office only: another authority's reads as not found
    if (row.hiddenAt) return;
    await tx.update(feedback).set({ hiddenAt: now, hiddenBy: actor.id, hiddenReason: why }).where(eq(feedback.id, feedbackId));
    await appendAudit(tx, { actorId: actor.id, action: 'feedback.hide', entityType: 'nomination', entityId: row.nominationId, after: { feedbackId, reason: why }, at: now });
  });
}

/** Feedback on a nomination, for the district office only. */
export async function listFeedback(actor: Actor | null, nominationId: number): Promise<Array<{ id: number; at: Date; name: string | null; body: string; }>> {
  await getNomination(actor, nominationId);
  // getNomination scoped it; feedback is for the round's office, not the nominating unit.
  if (!isOffice(actor)) return [];
  return await getDb()
    .select({ id: feedback.id, at: feedback.createdAt, name: feedback.authorName, body: feedback.body })
    .from(feedback)
    .where(and(eq(feedback.nominationId, nominationId), isNull(feedback.hiddenAt)))
    .orderBy(asc(feedback.id));
}
