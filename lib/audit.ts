// Reading the audit trail (admins only). Writing goes through lib/audit-chain.ts inside each change.
import 'server-only';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { roundRefusal, type Actor } from '@/lib/policy';

export type AuditRow = { id: number; at: Date; actor: string | null; action: string; entityType: string; entityId: number | null; before: unknown; after: unknown };

/** Newest first, keyset-paginated by id (`before`), filtered by action prefix and entity. */
export function listAuditEvents(
  actor: Actor | null,
  filter: { action?: string; entityType?: string; entityId?: number; before?: number; limit?: number } = {},
): { rows: AuditRow[]; nextBefore: number | null } {
  if (roundRefusal(actor, 'audit')) throw new DomainError('forbidden');
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const where: Array<SQL | undefined> = [
    // A prefix match: LIKE's wildcards in the filter ("_" is common in action names) are escaped.
    filter.action ? sql`${auditEvents.action} LIKE ${`${filter.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'` : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.before ? lt(auditEvents.id, filter.before) : undefined,
  ];
  const rows = getDb()
    .select({ id: auditEvents.id, at: auditEvents.at, actor: users.displayName, action: auditEvents.action, entityType: auditEvents.entityType, entityId: auditEvents.entityId, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: more ? page[page.length - 1].id : null };
}
