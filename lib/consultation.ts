// Public consultation (lấy ý kiến): while a round that holds one is in review, its proposed list is
// public until the deadline and anyone may comment on a nominee; reviewers read the comments.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { collectives, feedback, individuals, nominations, rounds, units } from '@/db/schema';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { getNomination } from '@/lib/nominations';
import { isOffice, type Actor } from '@/lib/policy';
import { clean } from '@/lib/text';
import { write } from '@/lib/workflow';

export const FEEDBACK_MAX = 1000;
export const FEEDBACK_PER_HOUR = 5;
const PROPOSED = ['submitted', 'checked', 'approved'] as const;

export type ConsultationView = {
  title: string;
  authority: string;
  endsAt: Date;
  open: boolean;
  nominees: Array<{ id: number; kind: 'collective' | 'individual'; name: string; unit: string; summary: string }>;
};

export function getConsultation(slug: string, now = new Date()): ConsultationView | null {
  if (slug.length > 200) return null;
  const db = getDb();
  const r = db.select().from(rounds).where(eq(rounds.slug, slug)).get();
  if (!r || !r.consultation || r.status !== 'reviewing' || !r.consultationEndsAt) return null;
  const nominees = db
    .select({ id: nominations.id, kind: nominations.nomineeKind, person: individuals.fullName, group: collectives.name, unit: units.name, summary: nominations.summary })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(and(eq(nominations.roundId, r.id), inArray(nominations.status, [...PROPOSED])))
    .orderBy(asc(nominations.nomineeKind), asc(nominations.id))
    .all()
    .map((n) => ({ id: n.id, kind: n.kind, name: (n.person ?? n.group)!, unit: n.unit, summary: n.summary }));
  return { title: r.title, authority: r.authority, endsAt: r.consultationEndsAt, open: now <= r.consultationEndsAt, nominees };
}

export function hashAddress(address: string): string {
  return createHash('sha256').update(`vinhdanh-feedback:${address}`).digest('hex');
}

export function addFeedback(input: { slug: string; nominationId: number; name?: string | null; body: string; address: string }, now = new Date()): void {
  const body = clean(input.body);
  const name = input.name ? clean(input.name).slice(0, 100) : null;
  if (body.length < 3 || body.length > FEEDBACK_MAX) throw new DomainError('invalid_input', { field: 'body' });
  const addressHash = hashAddress(input.address);
  write((tx) => {
    const view = getConsultation(input.slug, now);
    if (!view || !view.open) throw new DomainError('not_found');
    if (!view.nominees.some((n) => n.id === input.nominationId)) throw new DomainError('not_found');
    const recent = tx
      .select({ n: count() })
      .from(feedback)
      .where(and(eq(feedback.addressHash, addressHash), gt(feedback.createdAt, new Date(now.getTime() - 3_600_000))))
      .get()!.n;
    if (recent >= FEEDBACK_PER_HOUR) throw new DomainError('rate_limited');
    const roundId = tx.select({ id: nominations.roundId }).from(nominations).where(eq(nominations.id, input.nominationId)).get()!.id;
    const id = tx.insert(feedback).values({ roundId, nominationId: input.nominationId, authorName: name, body, addressHash, createdAt: now }).returning({ id: feedback.id }).get().id;
    appendAudit(tx, { actorId: null, action: 'feedback.create', entityType: 'nomination', entityId: input.nominationId, after: { feedbackId: id } });
  });
}

/** Feedback on a nomination, for the district office only. */
export function listFeedback(actor: Actor | null, nominationId: number): Array<{ at: Date; name: string | null; body: string }> {
  getNomination(actor, nominationId);
  // getNomination scoped it; feedback is for the round's office, not the nominating unit.
  if (!isOffice(actor)) return [];
  return getDb()
    .select({ at: feedback.createdAt, name: feedback.authorName, body: feedback.body })
    .from(feedback)
    .where(eq(feedback.nominationId, nominationId))
    .orderBy(asc(feedback.id))
    .all();
}
