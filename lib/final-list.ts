// A round's final list — its approved nominations exactly as their awards and the decision annex will
// show them, in the annex's order — the content hash an approver's sign-off records, and the snapshot a
// sign-off freezes. Read-only helpers over a reader (plus the snapshot insert), shared by lib/signoff,
// lib/workflow, lib/registry, lib/units and the demo seed.
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '@/db/connection';
import { collectives, individuals, nominations, rounds, signoffEntries, signoffs, units, type Gender, type NomineeKind } from '@/db/tables';
import { DomainError } from '@/lib/errors';
import { compareVi } from '@/lib/text';
import { first } from '@/db/query';

type Reader = Pick<DB, 'select'>;

/** One entry with everything that lands on its award. */
export type FinalListEntry = {
  nominationId: number;
  kind: NomineeKind;
  /** Position in the attached list, per kind (1-based). */
  ordinal: number;
  collectiveId: number | null;
  individualId: number | null;
  name: string;
  position: string | null;
  /** The unit printed beside the name: the nominee's own unit, or a unit-collective's parent. */
  unitId: number;
  unit: string;
  gender: Gender | null;
  birthYear: number | null;
  partyMember: boolean | null;
  summary: string;
  /** The nominating unit's path: quotas count by it (not printed, not frozen). */
  unitPath: string;
};

/** The approved nominations of a round as their awards would read now: collectives then individuals, each by unit and name. */
export async function finalListEntries(db: Reader, roundId: number): Promise<FinalListEntry[]> {
  const rows = await db
    .select({
      nominationId: nominations.id,
      kind: nominations.nomineeKind,
      collectiveId: nominations.collectiveId,
      individualId: nominations.individualId,
      summary: nominations.summary,
      individualName: individuals.fullName,
      position: individuals.position,
      gender: individuals.gender,
      birthYear: individuals.birthYear,
      partyMember: individuals.partyMember,
      individualUnitId: individuals.unitId,
      collectiveName: collectives.name,
      collectiveUnitId: collectives.unitId,
      unitPath: units.path,
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'approved')))
    .orderBy(asc(nominations.id));
  const ownIds = [...new Set(rows.map((r) => (r.individualUnitId ?? r.collectiveUnitId)!))];
  const own = ownIds.length ? (await db.select({ id: units.id, name: units.name, parentId: units.parentId }).from(units).where(inArray(units.id, ownIds))) : [];
  const parentIds = [...new Set(own.map((u) => u.parentId).filter((x): x is number => x != null))];
  const parents = parentIds.length ? (await db.select({ id: units.id, name: units.name, parentId: units.parentId }).from(units).where(inArray(units.id, parentIds))) : [];
  const unitById = new Map([...own, ...parents].map((u) => [u.id, u]));
  const list = rows.map((r) => {
    const mine = unitById.get((r.individualUnitId ?? r.collectiveUnitId)!)!;
    const name = (r.individualName ?? r.collectiveName)!;
    // A collective that is itself a unit is listed with its parent unit (Decree 30 annex layout).
    const shown = r.kind === 'collective' && name === mine.name && mine.parentId ? unitById.get(mine.parentId)! : mine;
    const individual = r.kind === 'individual';
    return {
      nominationId: r.nominationId,
      kind: r.kind,
      ordinal: 0,
      collectiveId: r.collectiveId,
      individualId: r.individualId,
      name,
      position: individual ? (r.position ?? null) : null,
      unitId: shown.id,
      unit: shown.name,
      gender: individual ? (r.gender ?? null) : null,
      birthYear: individual ? (r.birthYear ?? null) : null,
      partyMember: individual ? !!r.partyMember : null,
      summary: r.summary,
      unitPath: r.unitPath,
    };
  });
  return (['collective', 'individual'] as const).flatMap((kind) =>
    list
      .filter((e) => e.kind === kind)
      .sort((a, b) => compareVi(a.unit, b.unit) || compareVi(a.name, b.name) || a.nominationId - b.nominationId)
      .map((e, i) => ({ ...e, ordinal: i + 1 })),
  );
}

/** What the annex prints of a list, row by row: [ordinal, name, unit, achievement] per collective,
 * [ordinal, name, position, unit, achievement] per individual. */
export type PrintedList = { title: string; collectives: string[][]; individuals: string[][] };

export function printedList(title: string, entries: Array<Pick<FinalListEntry, 'kind' | 'ordinal' | 'name' | 'position' | 'unit' | 'summary'>>): PrintedList {
  return {
    title,
    collectives: entries.filter((e) => e.kind === 'collective').map((e) => [String(e.ordinal), e.name, e.unit, e.summary]),
    individuals: entries.filter((e) => e.kind === 'individual').map((e) => [String(e.ordinal), e.name, e.position ?? '', e.unit, e.summary]),
  };
}

/** SHA-256 (hex) of what the annex prints — the round's title and every cell of every row of both tables,
 * achievements included, in order — so a printed copy can be checked against the record by anyone who reads it. */
export function hashPrintedList(p: PrintedList): string {
  const canonical = JSON.stringify([p.title, p.collectives, p.individuals]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function hashFinalList(title: string, entries: FinalListEntry[]): string {
  return hashPrintedList(printedList(title, entries));
}

/** The entries compared for a freeze: everything that lands on an award, in order. */
export function sameEntries(a: FinalListEntry[], b: FinalListEntry[]): boolean {
  const key = (e: FinalListEntry) =>
    JSON.stringify([e.nominationId, e.kind, e.ordinal, e.collectiveId, e.individualId, e.name, e.position, e.unitId, e.unit, e.gender, e.birthYear, e.partyMember, e.summary]);
  return a.length === b.length && a.every((e, i) => key(e) === key(b[i]));
}

/** The standing sign-off of a round, if any. */
export async function standingSignoff(db: Reader, roundId: number) {
  return await first(db
    .select({ id: signoffs.id, listHash: signoffs.listHash, signedAt: signoffs.signedAt })
    .from(signoffs)
    .where(and(eq(signoffs.roundId, roundId), isNull(signoffs.withdrawnAt))));
}

/** Stores the list a sign-off froze. */
export async function insertSnapshot(tx: Pick<DB, 'insert'>, signoffId: number, entries: FinalListEntry[]): Promise<void> {
  for (const e of entries) {
    await tx.insert(signoffEntries)
      .values({
        signoffId,
        nominationId: e.nominationId,
        nomineeKind: e.kind,
        ordinal: e.ordinal,
        collectiveId: e.collectiveId,
        individualId: e.individualId,
        name: e.name,
        position: e.position,
        unitId: e.unitId,
        unitName: e.unit,
        gender: e.gender,
        birthYear: e.birthYear,
        partyMember: e.partyMember,
        summary: e.summary,
      });
  }
}

/** The list a sign-off froze, in its order (unitPath is not part of it and reads as ''). */
export async function snapshotEntries(db: Reader, signoffId: number): Promise<FinalListEntry[]> {
  return (await db
    .select()
    .from(signoffEntries)
    .where(eq(signoffEntries.signoffId, signoffId)))
    .sort((a, b) => (a.nomineeKind === b.nomineeKind ? a.ordinal - b.ordinal : a.nomineeKind === 'collective' ? -1 : 1))
    .map((r) => ({
      nominationId: r.nominationId,
      kind: r.nomineeKind,
      ordinal: r.ordinal,
      collectiveId: r.collectiveId,
      individualId: r.individualId,
      name: r.name,
      position: r.position,
      unitId: r.unitId,
      unit: r.unitName,
      gender: r.gender,
      birthYear: r.birthYear,
      partyMember: r.partyMember,
      summary: r.summary,
      unitPath: '',
    }));
}

/**
 * Rounds still in review whose standing sign-off froze a list that would read differently now. Called
 * inside a registry or unit edit's transaction, after the change: a non-empty answer means the edit must
 * be refused (and rolled back). The answer names the first such round.
 */
export async function brokenFrozenList(db: Reader): Promise<{ roundId: number; title: string; } | null> {
  const frozen = await db
    .select({ roundId: rounds.id, title: rounds.title, signoffId: signoffs.id })
    .from(signoffs)
    .innerJoin(rounds, eq(rounds.id, signoffs.roundId))
    .where(and(isNull(signoffs.withdrawnAt), eq(rounds.status, 'reviewing'), eq(rounds.source, 'workflow')));
  for (const f of frozen) {
    const snapshot = await snapshotEntries(db, f.signoffId);
    // A sign-off from before snapshots were kept has none: its decision is refused until it is signed again.
    if (snapshot.length && !sameEntries(await finalListEntries(db, f.roundId), snapshot)) return { roundId: f.roundId, title: f.title };
  }
  return null;
}

/** Refuses (rolling the caller's transaction back) an edit that changed an entry of a signed-off list
 * still in review: the message names the list; the approver's withdrawal of the sign-off unfreezes it. */
export async function refuseIfFrozenListChanged(db: Reader): Promise<void> {
  const broken = await brokenFrozenList(db);
  if (broken) throw new DomainError('list_frozen', { round: broken.title, roundId: broken.roundId });
}
