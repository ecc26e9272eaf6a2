// Where a round stands, for the people doing the work: its rules (criteria, deadline, quotas and how much of
// them the unit has used) and the office's progress per unit. Every read takes the actor and its scope.
import 'server-only';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { nominations, roundQuotas, rounds, units, type NominationStatus, type NomineeKind, type RoundStatus } from '@/db/tables';
import { daysLeft } from '@/lib/dates';
import { DomainError } from '@/lib/errors';
import { nominationScope } from '@/lib/nominations';
import { isOffice, roundInScope, type Actor } from '@/lib/policy';
import { first } from '@/db/query';

export type QuotaUse = {
  unitId: number;
  unit: string;
  kind: NomineeKind;
  quota: number;
  /** Nominations of the unit's subtree still in the running (sent, checked or approved). */
  nominated: number;
  approved: number;
};

export type RoundRules = {
  id: number;
  title: string;
  status: RoundStatus;
  criteria: string;
  awardForm: string;
  authority: string;
  windowOpensAt: Date | null;
  windowClosesAt: Date | null;
  /** Whole days to the closing day (Vietnam time); negative once closed; null without a deadline. */
  daysLeft: number | null;
  roundQuota: { collectives: number | null; individuals: number | null };
  /** The quotas that bind the actor's unit (its own and its ancestors'), with their use. */
  unitQuotas: QuotaUse[];
};

const IN_RUNNING: NominationStatus[] = ['submitted', 'checked', 'approved'];

/** The rules of one round as the actor works under them. Not found when the actor may see no nomination. */
export async function getRoundRules(actor: Actor | null, roundId: number, now = new Date()): Promise<RoundRules> {
  if (nominationScope(actor) === null || !actor || !Number.isSafeInteger(roundId)) throw new DomainError('not_found');
  const db = getDb();
  const r = await first(db.select().from(rounds).where(eq(rounds.id, roundId)));
  if (!r || r.status === 'draft') throw new DomainError('not_found');
  // Another authority's round reads as not found.
  const roundPath = (await first(db.select({ path: units.path }).from(units).where(eq(units.id, r.unitId))))?.path;
  if (!roundPath || !roundInScope(actor, roundPath)) throw new DomainError('not_found');
  // The quotas over the actor's unit: an officer's own and its ancestors'; the office over the round sees them all.
  const own = actor.unitPath;
  const office = isOffice(actor);
  const quotas = (await db
    .select({ unitId: roundQuotas.unitId, unit: units.name, path: units.path, collectives: roundQuotas.collectives, individuals: roundQuotas.individuals })
    .from(roundQuotas)
    .innerJoin(units, eq(units.id, roundQuotas.unitId))
    .where(eq(roundQuotas.roundId, roundId)))
    .filter((q) => office || own.startsWith(q.path) || q.path.startsWith(own));
  const used = quotas.length
    ? (await db
        .select({ path: units.path, kind: nominations.nomineeKind, status: nominations.status })
        .from(nominations)
        .innerJoin(units, eq(units.id, nominations.unitId))
        .where(and(eq(nominations.roundId, roundId), inArray(nominations.status, IN_RUNNING))))
    : [];
  const unitQuotas: QuotaUse[] = [];
  for (const q of quotas) {
    for (const kind of ['collective', 'individual'] as const) {
      const quota = kind === 'collective' ? q.collectives : q.individuals;
      if (quota == null) continue;
      const mine = used.filter((u) => u.kind === kind && u.path.startsWith(q.path));
      unitQuotas.push({ unitId: q.unitId, unit: q.unit, kind, quota, nominated: mine.length, approved: mine.filter((u) => u.status === 'approved').length });
    }
  }
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    criteria: r.criteria,
    awardForm: r.awardForm,
    authority: r.authority,
    windowOpensAt: r.windowOpensAt,
    windowClosesAt: r.windowClosesAt,
    daysLeft: r.windowClosesAt ? daysLeft(r.windowClosesAt, now) : null,
    roundQuota: { collectives: r.quotaCollectives, individuals: r.quotaIndividuals },
    unitQuotas,
  };
}

/** How many rounds in progress the dashboard shows at once, each with its rules and its progress table. A
 * district runs one or two at a time; a national office sees hundreds (one page of them all was 64 MB). */
export const ROUNDS_IN_PROGRESS_PAGE = 5;
/** Units a round's progress table shows on the dashboard's list (a province's round has a hundred communes);
 * the round shown alone (`/manage?round=`) shows them all. */
export const PROGRESS_ROWS_SHOWN = 20;

/** One page of the rounds in progress (open or in review) in the actor's scope, newest first, with their rules;
 * `only`: that round alone (none when it is not in progress or not the actor's). */
export async function listRoundsInProgress(
  actor: Actor | null,
  { page = 1, pageSize = ROUNDS_IN_PROGRESS_PAGE, only, now = new Date() }: { page?: number; pageSize?: number; only?: number; now?: Date } = {},
): Promise<{ rounds: RoundRules[]; total: number; page: number; pageCount: number }> {
  if (nominationScope(actor) === null) return { rounds: [], total: 0, page: 1, pageCount: 0 };
  // Every round in progress with its unit's path (a few thousand short rows at most), scoped here; only the
  // page's rounds have their rules read.
  const inScope = (await getDb()
    .select({ id: rounds.id, path: units.path })
    .from(rounds)
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(inArray(rounds.status, ['open', 'reviewing']))
    .orderBy(sql`${rounds.id} DESC`))
    .filter((r) => roundInScope(actor, r.path) && (only === undefined || r.id === only));
  const pageCount = Math.ceil(inScope.length / pageSize);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), Math.max(1, pageCount));
  const shown = inScope.slice((current - 1) * pageSize, current * pageSize);
  return { rounds: await Promise.all(shown.map((r) => getRoundRules(actor, r.id, now))), total: inScope.length, page: current, pageCount };
}

export const PROGRESS_STATUSES = ['draft', 'submitted', 'returned', 'checked', 'approved', 'rejected'] as const;

export type ProgressRow = {
  unitId: number;
  unit: string;
  counts: Record<(typeof PROGRESS_STATUSES)[number], number>;
  total: number;
  quota: { collectives: number | null; individuals: number | null };
  approvedByKind: Record<NomineeKind, number>;
};

/**
 * A round's nominations per unit and status. A row is a unit one level below the actor's own (the wards
 * and departments of a district office; the quarters of a ward), counting its whole subtree — exactly what
 * the nominations list shows when filtered by that unit — so every count can link to its list.
 */
export async function roundProgress(actor: Actor | null, roundId: number): Promise<{ rows: ProgressRow[]; totals: ProgressRow['counts'] & { total: number; }; }> {
  const scope = nominationScope(actor);
  if (scope === null || !actor) throw new DomainError('not_found');
  const db = getDb();
  const rows = await db
    .select({ path: units.path, status: nominations.status, kind: nominations.nomineeKind, n: count() })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(and(scope, eq(nominations.roundId, roundId)))
    .groupBy(units.path, nominations.status, nominations.nomineeKind);
  // The row unit: the first unit below the actor's own on the nomination's path (the actor's own unit when
  // it nominates itself).
  // The office sees the units of its own subtree (the rounds it runs): its rows start just below its own unit
  // too, and go down past a level every nomination shares (a district whose wards and departments all sit
  // under its People's Committee shows the wards and departments).
  const parts = rows.map((r) => r.path.split('/').filter(Boolean));
  let depth = actor.unitPath.split('/').filter(Boolean).length;
  while (parts.length && parts.every((p) => p.length > depth + 1 && p[depth] === parts[0][depth])) depth++;
  const rowIdOf = (path: string) => Number(path.split('/').filter(Boolean)[depth] ?? path.split('/').filter(Boolean)[depth - 1]);
  const byUnit = new Map<number, ProgressRow>();
  const empty = () => Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as ProgressRow['counts'];
  for (const r of rows) {
    const unitId = rowIdOf(r.path);
    let row = byUnit.get(unitId);
    if (!row) byUnit.set(unitId, (row = { unitId, unit: '', counts: empty(), total: 0, quota: { collectives: null, individuals: null }, approvedByKind: { collective: 0, individual: 0 } }));
    if (r.status in row.counts) row.counts[r.status as keyof ProgressRow['counts']] += r.n;
    row.total += r.n;
    if (r.status === 'approved') row.approvedByKind[r.kind] += r.n;
  }
  const ids = [...byUnit.keys()];
  if (ids.length) {
    for (const u of (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)))) byUnit.get(u.id)!.unit = u.name;
    for (const q of (await db.select({ unitId: roundQuotas.unitId, c: roundQuotas.collectives, i: roundQuotas.individuals }).from(roundQuotas).where(and(eq(roundQuotas.roundId, roundId), inArray(roundQuotas.unitId, ids))))) {
      byUnit.get(q.unitId)!.quota = { collectives: q.c, individuals: q.i };
    }
  }
  const collator = new Intl.Collator('vi');
  const list = [...byUnit.values()].sort((a, b) => collator.compare(a.unit, b.unit));
  const totals = { ...empty(), total: 0 };
  for (const r of list) {
    for (const s of PROGRESS_STATUSES) totals[s] += r.counts[s];
    totals.total += r.total;
  }
  return { rows: list, totals };
}
