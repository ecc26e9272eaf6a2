// Rounds as staff see them. Every function takes the actor first.
import 'server-only';
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { awards, nominations, roundQuotas, rounds, units, type CouncilRule, type RoundSource, type RoundStatus } from '@/db/tables';
import { DomainError } from '@/lib/errors';
import { NEXT_STATUS, roundPreconditions } from '@/lib/workflow';
import { scopeKey, type Page } from '@/lib/nominations';
import { hasRole, inSubtree, isOffice, isStaff, pathIds, roundRefusal, type Actor } from '@/lib/policy';
import { unitIsUnder, unitPathUnder, unitsUnder } from '@/lib/scope';
import { first, isRowId } from '@/db/query';
import { memoUntilWrite } from '@/lib/memo';
import { pickerSearches, UNIT_SELECT_MAX } from '@/lib/unit-picker';

export type StaffRound = {
  id: number;
  slug: string;
  title: string;
  period: string;
  authority: string;
  status: RoundStatus;
  source: RoundSource;
  windowClosesAt: Date | null;
  decisionNumber: string | null;
  /** Nominations in the actor's scope. */
  nominations: number;
};

/**
 * The rounds an actor sees, as a condition on `rounds`: the office's, run by a unit of its subtree; an
 * officer's, run by their own unit or a unit above it (whose subtree holds theirs). Null: none.
 */
export function roundScope(actor: Actor | null): SQL | null {
  if (!isStaff(actor)) return null;
  const office = isOffice(actor) ? unitIsUnder(rounds.unitId, actor.unitPath) : undefined;
  const officer = hasRole(actor, 'officer') ? inArray(rounds.unitId, pathIds(actor.unitPath)) : undefined;
  if (!office && !officer) return null;
  return (office && officer ? or(office, officer) : (office ?? officer))!;
}

/** A round's unit path when the actor's administrators' scope holds it; not_found otherwise. */
async function adminRound(actor: Actor | null, id: number, action: 'transition' | 'decide' | 'edit'): Promise<void> {
  if (roundRefusal(actor, action) || !isRowId(id)) throw new DomainError('not_found');
  const path = (await first(getDb().select({ path: units.path }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, id))))?.path;
  if (path === undefined || roundRefusal(actor, action, path)) throw new DomainError('not_found');
}

/** Whether the actor administers this round (its office's admin); others on the staff get its read-only view. */
export async function mayAdminister(actor: Actor | null, id: number): Promise<boolean> {
  try {
    await adminRound(actor, id, 'transition');
    return true;
  } catch {
    return false;
  }
}

/** Rounds a page of the staff list shows. */
export const ROUNDS_PAGE_SIZE = 50;

/** In progress first (open, reviewing, draft, then decided, then the rest), newest first within each. */
const roundListOrder = [sql`CASE ${rounds.status} WHEN 'open' THEN 0 WHEN 'reviewing' THEN 1 WHEN 'draft' THEN 2 WHEN 'decided' THEN 3 ELSE 4 END`, desc(rounds.id)];

/**
 * One page of the rounds an actor sees, in progress first, with the nominations of the actor's scope counted
 * for that page's rounds only: a nation has 2,000 rounds and 3,000,000 nominations, and counting them all
 * for the whole list took seconds. A page past the last reads as the last; a page below 1 as the first.
 */
export async function listRounds(actor: Actor | null, filter: { page?: number; pageSize?: number; status?: RoundStatus } = {}): Promise<Page<StaffRound>> {
  const pageSize = Math.min(Math.max(Math.trunc(filter.pageSize ?? ROUNDS_PAGE_SIZE) || ROUNDS_PAGE_SIZE, 1), 200);
  const asked = Math.max(Math.trunc(filter.page ?? 1) || 1, 1);
  const visible = roundScope(actor);
  if (!isStaff(actor) || visible === null) return { items: [], total: 0, page: 1, pageSize, pageCount: 0 };
  const db = getDb();
  const where = and(visible, filter.status ? eq(rounds.status, filter.status) : undefined);
  const total = (await first(db.select({ n: count() }).from(rounds).where(where)))?.n ?? 0;
  const pageCount = Math.ceil(total / pageSize);
  const page = Math.min(asked, Math.max(pageCount, 1));
  const list = total === 0 ? [] : await db
    .select({
      id: rounds.id,
      slug: rounds.slug,
      title: rounds.title,
      period: rounds.period,
      authority: rounds.authority,
      status: rounds.status,
      source: rounds.source,
      windowClosesAt: rounds.windowClosesAt,
      decisionNumber: rounds.decisionNumber,
      unitPath: units.path,
    })
    .from(rounds)
    .innerJoin(units, eq(units.id, rounds.unitId))
    .where(where)
    .orderBy(...roundListOrder)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const counts = await countScopedNominations(actor, list);
  return { items: list.map(({ unitPath: _, ...r }) => ({ ...r, nominations: counts.get(r.id) ?? 0 })), total, page, pageSize, pageCount };
}

/**
 * The nominations of each of these rounds (all visible to the actor) in the actor's scope — nominationScope's
 * rule, decided round by round: an office has every nomination of a round its subtree runs; an officer, those
 * of its own subtree. With the office's list of rounds left in the query, SQLite probed the nominations index
 * with it — all 2,000 rounds of a nation, 3,000,000 entries, 0.9 s — instead of with the page's 50 (10 ms).
 */
async function countScopedNominations(actor: Actor, list: Array<{ id: number; unitPath: string }>): Promise<Map<number, number>> {
  const db = getDb();
  const whole = isOffice(actor) ? list.filter((r) => inSubtree(r.unitPath, actor.unitPath)).map((r) => r.id) : [];
  const own = hasRole(actor, 'officer') ? list.map((r) => r.id).filter((id) => !whole.includes(id)) : [];
  const counted = (where: SQL) => db.select({ roundId: nominations.roundId, n: count() }).from(nominations).where(where).groupBy(nominations.roundId);
  const rows = [
    ...(whole.length ? await counted(inArray(nominations.roundId, whole)) : []),
    ...(own.length ? await counted(and(inArray(nominations.roundId, own), inArray(nominations.unitId, unitsUnder(actor.unitPath)))!) : []),
  ];
  return new Map(rows.map((r) => [r.roundId, Number(r.n)]));
}

/** How many rounds the actor sees (the dashboard's figure), without reading them. */
export async function countRounds(actor: Actor | null): Promise<number> {
  const scope = roundScope(actor);
  if (scope === null) return 0;
  return Number((await first(getDb().select({ n: count() }).from(rounds).where(scope)))?.n ?? 0);
}

/** Rounds to filter the queue by: the latest ones, those in progress first — at most 60, since a
 * nation has thousands and each option weighs on every queue page; any round's queue is reached from
 * its own page, and `include` keeps the chosen one listed. */
export async function listRoundOptions(actor: Actor | null, include?: number): Promise<Array<{ id: number; title: string; }>> {
  const scope = roundScope(actor);
  if (scope === null || !actor) return [];
  // The same for every page of the queue and every reviewer of the office, until the next write.
  return memoUntilWrite(`round-options:${scopeKey(actor)}:${include ?? ''}`, () => readRoundOptions(scope, include));
}

async function readRoundOptions(scope: SQL, include?: number): Promise<Array<{ id: number; title: string; }>> {
  const db = getDb();
  const latest = await db
    .select({ id: rounds.id, title: rounds.title })
    .from(rounds)
    .where(scope)
    .orderBy(sql`${rounds.status} IN ('draft', 'open', 'reviewing') DESC`, desc(rounds.id))
    .limit(ROUND_OPTIONS_MAX);
  const chosen = include && !latest.some((r) => r.id === include) ? (await db.select({ id: rounds.id, title: rounds.title }).from(rounds).where(and(scope, eq(rounds.id, include)))) : [];
  return [...latest, ...chosen].sort((a, b) => a.id - b.id);
}

const ROUND_OPTIONS_MAX = 60;

/** Rounds an officer can nominate in now: open, window open, run by their unit or one above it. */
export async function listOpenRounds(actor: Actor | null, now = new Date()): Promise<Array<{ id: number; slug: string; title: string; }>> {
  if (!actor || !(actor.roles.includes('officer') || actor.roles.includes('admin'))) return [];
  const scope = roundScope(actor);
  if (scope === null) return [];
  return (await getDb()
    .select({ id: rounds.id, slug: rounds.slug, title: rounds.title, opens: rounds.windowOpensAt, closes: rounds.windowClosesAt })
    .from(rounds)
    .where(and(eq(rounds.status, 'open'), scope))
    .orderBy(desc(rounds.id)))
    .filter((r) => (!r.opens || r.opens <= now) && (!r.closes || now <= r.closes))
    .map(({ id, slug, title }) => ({ id, slug, title }));
}

export type RoundAdminView = {
  id: number;
  slug: string;
  title: string;
  status: RoundStatus;
  source: RoundSource;
  period: string;
  authority: string;
  awardForm: string;
  consultation: boolean;
  /** The form's values, for editing while draft or open. */
  terms: { title: string; theme: string; period: string; authority: string; awardForm: string; criteria: string; windowOpensAt: Date | null; windowClosesAt: Date | null; quotaCollectives: number | null; quotaIndividuals: number | null; consultation: boolean; consultationDays: number | null; councilMembers: number; councilQuorum: number | null; councilRule: CouncilRule; councilBasis: string };
  decisionNumber: string | null;
  decisionDate: string | null;
  decisionSigner: string | null;
  decisionPlace: string | null;
  decisionSignerTitle: string | null;
  counts: Record<string, number>;
  /** Next statuses with what each still lacks. */
  moves: Array<{ to: RoundStatus; missing: string[] }>;
  awards: Array<{ id: string; kind: 'collective' | 'individual'; ordinal: number; name: string; unit: string; revoked: boolean; revokeReason: string | null }>;
};

/** The admin's view of one round: state, what each next step lacks, and its awards. */
export async function getRoundForAdmin(actor: Actor | null, id: number): Promise<RoundAdminView> {
  await adminRound(actor, id, 'transition');
  const db = getDb();
  const r = await first(db.select().from(rounds).where(eq(rounds.id, id)));
  if (!r) throw new DomainError('not_found');
  const counts = Object.fromEntries(
    (await db.select({ s: nominations.status, n: count() }).from(nominations).where(eq(nominations.roundId, id)).groupBy(nominations.status)).map((c) => [c.s, c.n]),
  );
  const moves: RoundAdminView['moves'] = [];
  for (const to of NEXT_STATUS[r.status] ?? []) moves.push({ to, missing: await roundPreconditions(db, id, to) });
  if (r.status === 'reviewing') moves.push({ to: 'decided', missing: (await roundPreconditions(db, id, 'decided')).filter((m) => m !== 'decision') });
  const list = (await db
    .select({ id: awards.publicId, kind: awards.nomineeKind, ordinal: awards.ordinal, name: awards.name, unit: awards.unitName, revokedAt: awards.revokedAt, revokeReason: awards.revokeReason })
    .from(awards)
    .where(eq(awards.roundId, id))
    .orderBy(asc(awards.nomineeKind), asc(awards.ordinal)))
    .map(({ revokedAt, ...a }) => ({ ...a, revoked: !!revokedAt }));
  return {
    id: r.id, slug: r.slug, title: r.title, status: r.status, source: r.source, period: r.period, authority: r.authority, awardForm: r.awardForm, consultation: r.consultation,
    terms: { title: r.title, theme: r.theme, period: r.period, authority: r.authority, awardForm: r.awardForm, criteria: r.criteria, windowOpensAt: r.windowOpensAt, windowClosesAt: r.windowClosesAt, quotaCollectives: r.quotaCollectives, quotaIndividuals: r.quotaIndividuals, consultation: r.consultation, consultationDays: r.consultationDays, councilMembers: r.councilMembers, councilQuorum: r.councilQuorum, councilRule: r.councilRule, councilBasis: r.councilBasis },
    decisionNumber: r.decisionNumber, decisionDate: r.decisionDate, decisionSigner: r.decisionSigner, decisionPlace: r.decisionPlace, decisionSignerTitle: r.decisionSignerTitle, counts, moves, awards: list,
  };
}

/** Rounds in review whose every nomination is decided: the admin may record the decision. */
export async function countRoundsReadyToDecide(actor: Actor | null): Promise<number> {
  if (roundRefusal(actor, 'decide') || !actor) return 0;
  // The admin's badge on every staff page: each round in review has its preconditions read (a nation's 80
  // rounds took 75 ms a page). The same for every page until the next write.
  return memoUntilWrite(`ready-to-decide:${scopeKey(actor)}`, () => readRoundsReadyToDecide(actor));
}

async function readRoundsReadyToDecide(actor: Actor): Promise<number> {
  const db = getDb();
  const reviewing = await db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.status, 'reviewing'), roundScope(actor)!));
  let ready = 0;
  for (const r of reviewing) if ((await roundPreconditions(db, r.id, 'decided')).every((m) => m === 'decision')) ready++;
  return ready;
}

/** Per-unit quotas of a round, with approvals counted so far, and the units one may add. */
export async function listUnitQuotas(actor: Actor | null, roundId: number) {
  await adminRound(actor, roundId, 'edit');
  const db = getDb();
  const { path: boundary, unitId } = (await first(db.select({ path: units.path, unitId: rounds.unitId }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(eq(rounds.id, roundId))))!;
  const quotas = await db
    .select({ unitId: roundQuotas.unitId, unit: units.name, path: units.path, collectives: roundQuotas.collectives, individuals: roundQuotas.individuals })
    .from(roundQuotas)
    .innerJoin(units, eq(units.id, roundQuotas.unitId))
    .where(eq(roundQuotas.roundId, roundId));
  const approved = await db
    .select({ path: units.path, kind: nominations.nomineeKind })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'approved')));
  // The units a quota is usually set for, as a <select> while they are few; above UNIT_SELECT_MAX (a province's or
  // a nation's round: thousands) none are loaded and the page searches the round's subtree as one types (`under`).
  const unitOptions = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.active, true), unitPathUnder(boundary), sql`${units.kind} IN ('ward', 'department', 'mass_org', 'party_committee', 'school')`))
    .orderBy(units.path)
    .limit(UNIT_SELECT_MAX + 1);
  return {
    underUnitId: unitId,
    quotas: quotas.map((q) => ({
      ...q,
      approvedCollectives: approved.filter((a) => a.kind === 'collective' && a.path.startsWith(q.path)).length,
      approvedIndividuals: approved.filter((a) => a.kind === 'individual' && a.path.startsWith(q.path)).length,
    })),
    unitOptions: pickerSearches(unitOptions.length) ? null : unitOptions,
  };
}

/** Units an admin may have a new round run by: the issuing bodies of their subtree, the People's
 * Committee first (it issues most decisions), then their own unit. */
export async function listRoundUnitOptions(actor: Actor | null): Promise<Array<{ id: number; name: string; }>> {
  if (roundRefusal(actor, 'create')) return [];
  const rows = await getDb()
    .select({ id: units.id, name: units.name, kind: units.kind, path: units.path })
    .from(units)
    .where(and(eq(units.active, true), unitPathUnder(actor!.unitPath), sql`(${units.kind} IN ('people_committee', 'party_committee', 'ward') OR ${units.id} = ${actor!.unitId})`))
    .orderBy(units.path);
  // Within the admin's subtree, wards below a committee run their own rounds only through their own admins.
  const depth = (p: string) => p.split('/').length;
  const top = rows.filter((r) => r.id === actor!.unitId || depth(r.path) <= depth(actor!.unitPath) + 1);
  const rank = (k: string) => (k === 'people_committee' ? 0 : k === 'party_committee' ? 1 : 2);
  return top.sort((a, b) => rank(a.kind) - rank(b.kind)).map(({ id, name }) => ({ id, name }));
}
