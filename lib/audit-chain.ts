// The audit trail's hash chain: each event's hash covers its content and the previous hash, so an
// edit made behind the app's back shows up at the first event whose stored hash no longer matches.
import { createHash } from 'node:crypto';
import { desc } from 'drizzle-orm';
import { auditEvents } from '@/db/schema';
import type { DB } from '@/db/connection';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  before?: unknown;
  after?: unknown;
  at?: Date;
};

type Tx = Pick<DB, 'select' | 'insert'>;

export function auditHash(prevHash: string, e: { at: number; actorId: number | null; action: string; entityType: string; entityId: number | null; before: unknown; after: unknown }): string {
  const body = JSON.stringify([prevHash, e.at, e.actorId, e.action, e.entityType, e.entityId, e.before ?? null, e.after ?? null]);
  return createHash('sha256').update(body).digest('hex');
}

/** Append one event; call it inside the transaction that makes the change. */
export function appendAudit(tx: Tx, input: AuditInput): void {
  const last = tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = (input.at ?? new Date()).getTime();
  const row = {
    at,
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
  };
  tx.insert(auditEvents)
    .values({ ...row, at: new Date(at), prevHash, hash: auditHash(prevHash, row) })
    .run();
}
