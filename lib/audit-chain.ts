// The audit trail's hash chain: each event's hash covers its content and the previous hash, so an
// edit made behind the app's back shows up at the first event whose stored hash no longer matches.
import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { auditEvents } from '@/db/tables';
import type { DB } from '@/db/connection';
import { isPostgresDb } from '@/db/engine';
import { first, rows as queryRows } from '@/db/query';

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
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const last = await first(tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1));
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
  await tx.insert(auditEvents)
    .values({ ...row, at: new Date(at), prevHash, hash: auditHash(prevHash, row) });
}

export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; firstBadId: number; reason: 'hash' | 'link' };

/**
 * Walks the whole trail in order and recomputes every hash. Reports the first event whose stored hash
 * no longer matches its content (an edit), or whose prev_hash is not the previous event's hash (a
 * deletion or insertion). Reads rows one at a time, so any size of trail fits in memory.
 */
type StoredEvent = { id: number; at: number; actor_id: number | null; action: string; entity_type: string; entity_id: number | null; before: string | null; after: string | null; prev_hash: string; hash: string };

export function verifyAuditChain(db: Pick<DB, '$client'>): ChainCheck {
  const rows = db.$client
    .prepare('SELECT id, at, actor_id, action, entity_type, entity_id, "before", "after", prev_hash, hash FROM audit_events ORDER BY id')
    .iterate() as IterableIterator<StoredEvent>;
  return checkChain(rows);
}

/** verifyAuditChain on either engine: on PostgreSQL the trail is read 5,000 events at a time, by id. */
export async function verifyAuditChainOf(db: DB): Promise<ChainCheck> {
  if (!isPostgresDb(db)) return verifyAuditChain(db);
  const pages = async function* () {
    for (let after = 0; ; ) {
      // The JSON as stored (json keeps its text), the time as the milliseconds the hash covers.
      const page = await queryRows<StoredEvent>(db, sql`SELECT id, (extract(epoch FROM at) * 1000)::int8 AS at, actor_id, action, entity_type, entity_id,
        "before"::text AS "before", "after"::text AS "after", prev_hash, hash FROM audit_events WHERE id > ${after} ORDER BY id LIMIT 5000`);
      if (!page.length) return;
      yield* page;
      after = page[page.length - 1].id;
    }
  };
  return checkChain(pages());
}

function checkChain(rows: Iterable<StoredEvent>): ChainCheck;
function checkChain(rows: AsyncIterable<StoredEvent>): Promise<ChainCheck>;
function checkChain(rows: Iterable<StoredEvent> | AsyncIterable<StoredEvent>): ChainCheck | Promise<ChainCheck> {
  const chain = { prev: GENESIS_HASH, count: 0 };
  if (Symbol.asyncIterator in rows) {
    return (async () => {
      for await (const r of rows) {
        const bad = checkEvent(chain, r);
        if (bad) return bad;
      }
      return { ok: true as const, count: chain.count };
    })();
  }
  for (const r of rows) {
    const bad = checkEvent(chain, r);
    if (bad) return bad;
  }
  return { ok: true, count: chain.count };
}

/** One event against the chain so far: the failure, or null (and the chain moves on). */
function checkEvent(chain: { prev: string; count: number }, r: StoredEvent): ChainCheck | null {
  const count = ++chain.count;
  if (r.prev_hash !== chain.prev) return { ok: false, count, firstBadId: r.id, reason: 'link' };
  const expected = auditHash(r.prev_hash, {
    at: Number(r.at),
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  });
  if (expected !== r.hash) return { ok: false, count, firstBadId: r.id, reason: 'hash' };
  chain.prev = r.hash;
  return null;
}
