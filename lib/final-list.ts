// A round's final list (its approved nominations, in the annex's order) and the content hash an
// approver's sign-off records. Read-only helpers over a reader, shared by lib/signoff and lib/workflow.
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '@/db/connection';
import { collectives, individuals, nominations, signoffs, units, type Gender, type NomineeKind } from '@/db/schema';
import { compareVi } from '@/lib/text';

type Reader = Pick<DB, 'select'>;

export type FinalListEntry = { nominationId: number; kind: NomineeKind; name: string; unit: string; unitPath: string; position: string | null; gender: Gender | null };

/** The approved nominations of a round, collectives then individuals, by unit and name (the annex's order). */
export function finalListEntries(db: Reader, roundId: number): FinalListEntry[] {
  const rows = db
    .select({
      nominationId: nominations.id,
      kind: nominations.nomineeKind,
      individualName: individuals.fullName,
      collectiveName: collectives.name,
      position: individuals.position,
      gender: individuals.gender,
      unit: units.name,
      unitPath: units.path,
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'approved')))
    .all();
  return rows
    .map((r) => ({ nominationId: r.nominationId, kind: r.kind, name: (r.individualName ?? r.collectiveName)!, unit: r.unit, unitPath: r.unitPath, position: r.position, gender: r.gender }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'collective' ? -1 : 1) || compareVi(a.unit, b.unit) || compareVi(a.name, b.name) || a.nominationId - b.nominationId);
}

/** SHA-256 (hex) of the list's content: what the annex prints, in its order. */
export function hashFinalList(slug: string, entries: FinalListEntry[]): string {
  const canonical = JSON.stringify({ round: slug, list: entries.map((e) => [e.kind, e.nominationId, e.name, e.unit, e.position ?? '']) });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The standing sign-off of a round, if any. */
export function standingSignoff(db: Reader, roundId: number) {
  return db
    .select({ id: signoffs.id, listHash: signoffs.listHash, signedAt: signoffs.signedAt })
    .from(signoffs)
    .where(and(eq(signoffs.roundId, roundId), isNull(signoffs.withdrawnAt)))
    .get();
}
