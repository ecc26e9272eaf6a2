// Reading the audit trail (admins only). Writing goes through lib/audit-chain.ts inside each change.
import 'server-only';
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { likeText } from '@/db/query';
import { auditEvents, awards, collectives, individuals, nominations, users, yearlyRecords } from '@/db/tables';
import { DomainError } from '@/lib/errors';
import { roundRefusal, type Actor } from '@/lib/policy';
import { roundsRunUnder, unitsUnder } from '@/lib/scope';

export type AuditRow = { id: number; at: Date; actor: string | null; action: string; entityType: string; entityId: number | null; before: unknown; after: unknown };

/**
 * The events an administrator audits: those about the rounds their unit's subtree runs (and those
 * rounds' nominations and awards), and about the units, people and users of that subtree. Events about
 * the whole database (the demo seed) belong to administrators of a root unit.
 */
function auditScope(actor: Actor): SQL {
  const db = getDb();
  const path = actor.unitPath;
  const rounds = roundsRunUnder(path);
  const about = (type: string, ids: any) => and(eq(auditEvents.entityType, type), inArray(auditEvents.entityId, ids));
  return or(
    about('round', rounds),
    about('nomination', db.select({ id: nominations.id }).from(nominations).where(inArray(nominations.roundId, rounds))),
    about('award', db.select({ id: awards.id }).from(awards).where(inArray(awards.roundId, rounds))),
    about('unit', unitsUnder(path)),
    about('individual', db.select({ id: individuals.id }).from(individuals).where(inArray(individuals.unitId, unitsUnder(path)))),
    about('collective', db.select({ id: collectives.id }).from(collectives).where(inArray(collectives.unitId, unitsUnder(path)))),
    about('user', db.select({ id: users.id }).from(users).where(inArray(users.unitId, unitsUnder(path)))),
    // Yearly records of the subtree's people and collectives (a deleted one: by who deleted it, below).
    about('yearly_record', db.select({ id: yearlyRecords.id }).from(yearlyRecords).where(or(inArray(yearlyRecords.individualId, db.select({ id: individuals.id }).from(individuals).where(inArray(individuals.unitId, unitsUnder(path)))), inArray(yearlyRecords.collectiveId, db.select({ id: collectives.id }).from(collectives).where(inArray(collectives.unitId, unitsUnder(path))))))),
    and(eq(auditEvents.entityType, 'yearly_record'), inArray(auditEvents.actorId, db.select({ id: users.id }).from(users).where(inArray(users.unitId, unitsUnder(path))))),
    // The eligibility rules are the deployment's: their edits are read by administrators of a root unit, who make them.
    path.split('/').filter(Boolean).length === 1 ? eq(auditEvents.entityType, 'eligibility_rule') : undefined,
    // Imports and other events with no entity of their own: by who did them.
    and(inArray(auditEvents.entityType, ['import', 'database']), or(inArray(auditEvents.actorId, db.select({ id: users.id }).from(users).where(inArray(users.unitId, unitsUnder(path)))), path.split('/').filter(Boolean).length === 1 ? sql`${auditEvents.actorId} IS NULL` : sql`1 = 0`)),
  )!;
}

/** Newest first, keyset-paginated by id (`before`), filtered by action prefix and entity. */
export async function listAuditEvents(
  actor: Actor | null,
  filter: { action?: string; entityType?: string; entityId?: number; before?: number; limit?: number } = {},
): Promise<{ rows: AuditRow[]; nextBefore: number | null; }> {
  if (roundRefusal(actor, 'audit')) throw new DomainError('forbidden');
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const where: Array<SQL | undefined> = [
    auditScope(actor!),
    // A prefix match: LIKE's wildcards in the filter ("_" is common in action names) are escaped.
    filter.action ? likeText(auditEvents.action, filter.action, { prefix: true }) : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.before ? lt(auditEvents.id, filter.before) : undefined,
  ];
  const rows = await getDb()
    .select({ id: auditEvents.id, at: auditEvents.at, actor: users.displayName, action: auditEvents.action, entityType: auditEvents.entityType, entityId: auditEvents.entityId, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: more ? page[page.length - 1].id : null };
}
