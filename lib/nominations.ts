// Nominations as staff see them: every read takes the actor and is scoped in the query itself.
import 'server-only';
import { and, asc, count, desc, eq, exists, gt, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isPostgresDb } from '@/db/engine';
import {
  auditEvents,
  collectives,
  individuals,
  nominationComments,
  nominations,
  rounds,
  units,
  users,
  type NominationStatus,
  type RoundStatus,
  type NomineeKind,
} from '@/db/tables';
import { DomainError } from '@/lib/errors';
import { standingSignoff } from '@/lib/final-list';
import { memoUntilWrite } from '@/lib/memo';
import { UNIT_SELECT_MAX } from '@/lib/unit-picker';
import { fold, foldedWords } from '@/lib/text';
import type { NominationSort } from '@/lib/nomination-sorts';
import { actsForUnit, hasRole, isOffice, isStaff, nominationRefusal, officeOverRound, type Actor, type NominationAction, type Refusal } from '@/lib/policy';
import { loadNominationContext } from '@/lib/workflow';
import { roundsRunUnder, unitPathUnder, unitsUnder } from '@/lib/scope';
import { countUpTo, first, isRowId, likeText } from '@/db/query';

export type NominationListItem = {
  id: number;
  roundSlug: string;
  roundTitle: string;
  kind: NomineeKind;
  nomineeName: string;
  unitName: string;
  status: NominationStatus;
  updatedAt: Date | null;
  createdAt: Date;
  submittedAt: Date | null;
  /** Proposed up from a lower level's decided list (lib/proposals.ts), rather than nominated in this round. */
  proposalId: number | null;
};


export type NominationFilter = {
  roundId?: number;
  status?: NominationStatus;
  kind?: NomineeKind;
  /** The nominating unit and everything under it. */
  unitId?: number;
  /** Words of the nominee's name, matched without case, diacritics or đ. */
  q?: string;
  sort?: NominationSort;
  page?: number;
  pageSize?: number;
  /** Keyset cursors from the previous/next links: rows with a smaller id than `after` (next page), or
   * a larger id than `before` (previous page). Deep pages then cost what the first one does. */
  after?: number;
  before?: number;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

/** The scope clause every staff read of nominations carries. Null: the actor may see none. The office
 * sees the nominations of the rounds its unit's subtree runs; an officer, those of their subtree. */
export function nominationScope(actor: Actor | null): SQL | undefined | null {
  if (!isStaff(actor)) return null;
  const office = isOffice(actor) ? inArray(nominations.roundId, roundsRunUnder(actor.unitPath)) : undefined;
  const own = hasRole(actor, 'officer') ? inSubtree(actor.unitPath) : undefined;
  if (!office && !own) return null;
  return office && own ? or(office, own) : (office ?? own);
}

/** The key a memo of a scoped read is shared under: actors with the same unit and kind of scope (the
 * dimensions of nominationScope and roundScope alike). */
export function scopeKey(actor: Actor): string {
  return `${actor.unitPath}:${isOffice(actor) ? 'office' : ''}${hasRole(actor, 'officer') ? 'officer' : ''}`;
}

/** Nominations whose nominating unit lies under `path` ("/1/4/"). */
function inSubtree(path: string): SQL {
  return inArray(nominations.unitId, unitsUnder(path));
}

const nomineeName = sql<string>`coalesce(${individuals.fullName}, ${collectives.name})`;

/** More nominations than this are listed newest first whatever the order asked: sorting a nation's 3 million by
 * name took 22 s, and no one reads such a list in name order. A filter (round, status, unit, name) brings it under. */
export const SORTABLE_MAX = 100_000;

/** The list counts its nominations up to this many and no further: past it, the total reads "more than" and the
 * pages run on with Next. A nation's office counting its 2.1 million individuals' nominations took 3.6 s after
 * every write (SQLite; 3 million 0.4 s), counting up to 100,001 0.1 s. */
export const COUNT_MAX = SORTABLE_MAX;

/** A page of the nominations list; `sortDeclined` (the limit) when the order asked was not applied; `moreThan`
 * when there are more than `total` nominations (COUNT_MAX) — the last page is then not known. */
export type NominationPage = Page<NominationListItem> & { sortDeclined?: number; moreThan?: boolean };

/** Newest first, 25 a page. Ids are chosen on the indexes alone (nominations_status,
 * nominations_round_status) — by keyset cursor, or by offset when a page number is asked without
 * one — and only that page's rows are joined to their names, units and rounds. */
export async function listNominations(actor: Actor | null, filter: NominationFilter = {}, { sortableMax = SORTABLE_MAX, countMax = COUNT_MAX } = {}): Promise<NominationPage> {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 25, 1), 100);
  const page = Math.max(filter.page ?? 1, 1);
  let scope = nominationScope(actor);
  if (scope === null) return { items: [], total: 0, page, pageSize, pageCount: 0 };
  const db = getDb();
  // The office's scope is "rounds its subtree runs": for one round that is a yes or no, asked once. Left in
  // the query, its list of rounds hid the round's index from SQLite's planner, which walked a nation's whole
  // queue by the status index instead (14 ms against 0.1 ms).
  if (filter.roundId && isOffice(actor) && !actor.roles.includes('officer')) {
    const ours = await first(db.select({ id: rounds.id }).from(rounds).where(and(eq(rounds.id, filter.roundId), inArray(rounds.id, roundsRunUnder(actor.unitPath)))));
    if (!ours) return { items: [], total: 0, page, pageSize, pageCount: 0 };
    scope = undefined;
  }
  let unitFilter: SQL | undefined;
  if (filter.unitId) {
    const unit = await first(db.select({ path: units.path }).from(units).where(eq(units.id, filter.unitId)));
    if (!unit) return { items: [], total: 0, page, pageSize, pageCount: 0 };
    unitFilter = inSubtree(unit.path);
  }
  const where = and(
    scope,
    filter.roundId ? eq(nominations.roundId, filter.roundId) : undefined,
    filter.status ? eq(nominations.status, filter.status) : undefined,
    filter.kind ? eq(nominations.nomineeKind, filter.kind) : undefined,
    unitFilter,
  );
  // Counted up to the cap (another order than the newest is applied only to a list counted exactly), remembered until the next write.
  const countKey = `queue-total:${countMax}:${scopeKey(actor!)}:${filter.roundId ?? ''}:${filter.status ?? ''}:${filter.kind ?? ''}:${filter.unitId ?? ''}`;
  // A search or another order than the newest first: paged by offset over the joined names.
  const sorted = !!filter.sort && filter.sort !== 'newest';
  if (filter.q?.trim()) return searchNominations(where, filter, page, pageSize, sortableMax, countMax);
  const { total, moreThan } = await memoUntilWrite(countKey, () => countUpTo(db, db.select({ id: nominations.id }).from(nominations).where(where), countMax));
  if (sorted && !moreThan && total <= sortableMax) return searchNominations(where, filter, page, pageSize, sortableMax, countMax, { total, moreThan });
  const said = { ...(sorted ? { sortDeclined: sortableMax } : {}), ...(moreThan ? { moreThan } : {}) };
  const pageCount = Math.ceil(total / pageSize);
  const backwards = filter.before !== undefined && filter.after === undefined;
  const cursor = filter.after !== undefined || backwards;
  // A page by number past the middle is read from the oldest end: the last of a nation's 3,826 pages
  // skips 0 rows instead of 95,625.
  const offset = (page - 1) * pageSize;
  const fromOldest = !cursor && !moreThan && offset > total / 2;
  // An office over most of the rounds (a nation's root office: all 2,000) with no round, status or unit to seek
  // by: SQLite read every round's nominations through the round index and sorted them (0.8 s; 5.3 s with a
  // kind) where walking the newest ids finds a page at once (2 ms). With few rounds the round index is right
  // (a commune's office: 1.6 ms against 0.9 s), so the walk is asked for — a unary + hides the round index —
  // only when the office's rounds are at least a quarter of all. PostgreSQL's planner weighs this itself.
  const walkIds = !isPostgresDb(db) && !filter.status && !filter.roundId && !filter.unitId && isOffice(actor) && !hasRole(actor!, 'officer') && (await officeOverMostRounds(actor!));
  const ids = db
    .select({ id: nominations.id })
    .from(nominations)
    .where(
      and(
        walkIds ? and(sql`+${nominations.roundId} IN (${roundsRunUnder((actor as Actor).unitPath)})`, filter.kind ? eq(nominations.nomineeKind, filter.kind) : undefined) : where,
        filter.after !== undefined ? lt(nominations.id, filter.after) : undefined,
        backwards ? gt(nominations.id, filter.before!) : undefined,
      ),
    )
    .orderBy(backwards || fromOldest ? asc(nominations.id) : desc(nominations.id))
    .limit(fromOldest ? Math.max(Math.min(offset + pageSize, total) - offset, 0) : pageSize)
    .offset(cursor ? 0 : fromOldest ? Math.max(total - offset - pageSize, 0) : offset);
  return { items: await pageByIds(db, ids), total, page, pageSize, pageCount, ...said };
}

/** The list's rows of the nominations whose ids `ids` selects (a page of them), newest first. */
async function pageByIds(db: ReturnType<typeof getDb>, ids: PromiseLike<Array<{ id: number }>>): Promise<NominationListItem[]> {
  const page = (await ids).map((r) => r.id);
  return page.length === 0 ? [] : listRows(db).where(inArray(nominations.id, page)).orderBy(desc(nominations.id));
}

/** How many nominations the actor may see, exactly (the dashboard's figure; the list counts up to COUNT_MAX),
 * remembered until the next write. */
export async function countNominations(actor: Actor | null): Promise<number> {
  const scope = nominationScope(actor);
  if (scope === null) return 0;
  return memoUntilWrite(`nominations-total:${scopeKey(actor!)}`, async () => (await first(getDb().select({ n: count() }).from(nominations).where(scope)))?.n ?? 0);
}

/** Whether the office's subtree runs at least a quarter of all rounds (remembered until the next write). */
async function officeOverMostRounds(actor: Actor): Promise<boolean> {
  return memoUntilWrite(`most-rounds:${actor.unitPath}`, async () => {
    const db = getDb();
    const mine = (await first(db.select({ n: count() }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(unitPathUnder(actor.unitPath))))?.n ?? 0;
    const all = (await first(db.select({ n: count() }).from(rounds)))?.n ?? 0;
    return mine * 4 >= all;
  });
}

/** A row of the nominations list: the nomination with its round, unit and nominee's name. */
function listRows(db: ReturnType<typeof getDb>) {
  return db
    .select({
      id: nominations.id,
      roundSlug: rounds.slug,
      roundTitle: rounds.title,
      kind: nominations.nomineeKind,
      nomineeName,
      unitName: units.name,
      status: nominations.status,
      ...listColumns,
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .innerJoin(rounds, eq(rounds.id, nominations.roundId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId));
}

const listColumns = {
  updatedAt: sql<Date | null>`coalesce(${nominations.updatedAt}, ${nominations.createdAt})`.mapWith((v: number | null) => (v == null ? null : new Date(v))),
  createdAt: nominations.createdAt,
  submittedAt: nominations.submittedAt,
  proposalId: nominations.proposalId,
};

// Folded names sort as Vietnamese readers expect closely enough for a page order (đ with d, tones ignored).
const nameFolded = sql<string>`coalesce(${individuals.nameFolded}, ${collectives.nameFolded})`;
const SORT_ORDER: Record<Exclude<NominationSort, 'newest'>, SQL[]> = {
  name: [asc(nameFolded), desc(nominations.id)],
  unit: [asc(units.path), asc(nameFolded)],
  status: [asc(sql`CASE ${nominations.status} WHEN 'returned' THEN 0 WHEN 'draft' THEN 1 WHEN 'submitted' THEN 2 WHEN 'checked' THEN 3 WHEN 'approved' THEN 4 ELSE 5 END`), desc(nominations.id)],
  submitted: [sql`${nominations.submittedAt} IS NULL`, desc(nominations.submittedAt), desc(nominations.id)],
  updated: [desc(sql`coalesce(${nominations.updatedAt}, ${nominations.createdAt})`), desc(nominations.id)],
};

/** The nominations whose nominee's folded name holds every word of `q`. The names are matched in the people's
 * own tables and the nominations found by their nominee's key: matched on the joined name instead, a nation's
 * 3 million nominations were each joined to their nominee (24 s for "nguyen van"; 0.4 s this way, a rare name
 * 0.15 s). */
export function nameSearchCondition(q: string | undefined, { many = false } = {}): SQL | undefined {
  const words = foldedWords(q);
  if (words.length === 0) return undefined;
  const db = getDb();
  const named = (table: typeof individuals | typeof collectives) => namedIds(table, words);
  // `many`: the matches are known to be many (a common surname over a nation). PostgreSQL then tests the
  // nominations against the people's ids, hashed once: a page of the newest walks them newest first (0.23 s for
  // "nguyen", 259,505 matches, against 1.9 s collecting and sorting every match), a count stops at its cap.
  if (isPostgresDb(db) && many) return or(inArray(nominations.individualId, named(individuals)), inArray(nominations.collectiveId, named(collectives)));
  // SQLite reads each list through its index (MULTI-INDEX OR). PostgreSQL tests `x IN (subquery)` row by row
  // over a scan of every nomination, so each list is joined to the nominations on its own and the two lists of
  // ids united (semi-joins: hashed, or each nominee's nominations by the index). Given the people's ids as arrays
  // instead (`= ANY(ARRAY(…))`), a common word ("nguyen": 115,000 people) made the bitmap of their 259,000
  // nominations lossy, and every row was then tested against the whole array: minutes. This way 5.6 s for that
  // word at a nation's scale, 0.6 s for "nguyen van", 20 ms for a rare name (the names through pg_trgm, 0008).
  if (isPostgresDb(db)) {
    return sql`${nominations.id} IN (SELECT n.id FROM nominations n WHERE n.individual_id IN (${named(individuals)}) UNION ALL SELECT n.id FROM nominations n WHERE n.collective_id IN (${named(collectives)}))`;
  }
  return or(inArray(nominations.individualId, named(individuals)), inArray(nominations.collectiveId, named(collectives)));
}

const namedIds = (table: typeof individuals | typeof collectives, words: string[]) =>
  getDb().select({ id: table.id }).from(table).where(and(...words.map((w) => likeText(table.nameFolded, w))));

/** A name search's page walks the newest nominations from this many matches on, up to this offset (PostgreSQL). */
const WALK_MATCHES_MIN = 5_000;
const WALK_OFFSET_MAX = 1_000;
/** A name this many individuals hold is common: PostgreSQL counts its nominations by the hashed ids (`many`). */
const COMMON_NAME_PEOPLE = 10_000;

/** PostgreSQL: whether at least COMMON_NAME_PEOPLE individuals hold every word of `q` (read through their trigram
 * index, no further than that). "nguyen" over a nation: 114,995 people, counted to 100,001 nominations in 0.86 s
 * this way against 2.4 s collecting every match first. */
async function commonName(q: string | undefined): Promise<boolean> {
  const words = foldedWords(q);
  return words.length > 0 && (await countUpTo(getDb(), namedIds(individuals, words), COMMON_NAME_PEOPLE - 1)).moreThan;
}

async function searchNominations(where: SQL | undefined, filter: NominationFilter, page: number, pageSize: number, sortableMax: number, countMax: number, counted?: { total: number; moreThan: boolean }): Promise<NominationPage> {
  const db = getDb();
  const named = (many: boolean) => and(where, nameSearchCondition(filter.q, { many }));
  const w = named(false);
  // Counted up to the cap, as the list is ("nguyen" over a nation's nominations: 259,505; PostgreSQL counts a
  // common name's to the cap in 0.86 s by `many`, 2.4 s otherwise).
  const { total, moreThan } = counted ?? (await countUpTo(db, db.select({ id: nominations.id }).from(nominations).where(named(isPostgresDb(db) && (await commonName(filter.q)))), countMax));
  const sorted = !!filter.sort && filter.sort !== 'newest';
  const declined = sorted && (moreThan || total > sortableMax);
  const order = sorted && !declined ? SORT_ORDER[filter.sort as Exclude<NominationSort, 'newest'>] : [desc(nominations.id)];
  const offset = (page - 1) * pageSize;
  // Newest first, the page's ids are found on the nominations alone, then only those 25 rows joined: joining every
  // match before the sort read 20,883 rows' rounds, units and names for "nguyen van" at a nation's scale. With many
  // matches and an early page, the newest nominations are walked (nameSearchCondition's `many`).
  const many = total >= WALK_MATCHES_MIN && offset < WALK_OFFSET_MAX;
  const items = sorted && !declined
    ? await listRows(db).where(w).orderBy(...order).limit(pageSize).offset(offset)
    : await pageByIds(db, db.select({ id: nominations.id }).from(nominations).where(named(many)).orderBy(desc(nominations.id)).limit(pageSize).offset(offset));
  return { items, total, page, pageSize, pageCount: Math.ceil(total / pageSize), ...(declined ? { sortDeclined: sortableMax } : {}), ...(moreThan ? { moreThan } : {}) };
}

/** Every nomination the list shows for `filter` (all its pages, at most `max`), in its order: the export. */
export async function exportNominationList(actor: Actor | null, filter: NominationFilter, max = 20_000): Promise<NominationListItem[]> {
  const out: NominationListItem[] = [];
  const pageSize = 100;
  const sort = filter.sort && filter.sort !== 'newest' ? filter.sort : 'newest';
  for (let page = 1; out.length < max; page++) {
    // The offset path keeps one order across pages whatever the sort.
    const r = await (sort === 'newest' && !filter.q?.trim() ? listNominations(actor, { ...filter, page, pageSize, after: undefined, before: undefined }) : listNominations(actor, { ...filter, sort, page, pageSize }));
    out.push(...r.items);
    if (r.items.length < pageSize || (page >= r.pageCount && !r.moreThan)) break;
  }
  return out.slice(0, max);
}

export type NominationDetail = NominationListItem & {
  summary: string;
  roundId: number;
  roundStatus: RoundStatus;
  /** The round's final list is signed off: every change is refused until the sign-off is withdrawn. */
  frozen: boolean;
  roundTheme: string;
  individualId: number | null;
  collectiveId: number | null;
  unitId: number;
  vote: { for: number; against: number; total: number } | null;
  /** The individual's own fields (null for a collective), as the unit may edit them while draft or returned. */
  person: { position: string | null; gender: 'male' | 'female' | 'other' | null; birthYear: number | null; partyMember: boolean } | null;
};

/** One nomination, or not_found — "not yours" and "does not exist" read the same. */
export async function getNomination(actor: Actor | null, id: number): Promise<NominationDetail> {
  const scope = nominationScope(actor);
  if (scope === null || !isRowId(id)) throw new DomainError('not_found');
  const row = await first(getDb()
    .select({
      id: nominations.id,
      roundId: nominations.roundId,
      roundSlug: rounds.slug,
      roundTitle: rounds.title,
      kind: nominations.nomineeKind,
      nomineeName,
      unitId: nominations.unitId,
      unitName: units.name,
      status: nominations.status,
      roundStatus: rounds.status,
      roundTheme: rounds.theme,
      individualId: nominations.individualId,
      collectiveId: nominations.collectiveId,
      summary: nominations.summary,
      position: individuals.position,
      gender: individuals.gender,
      birthYear: individuals.birthYear,
      partyMember: individuals.partyMember,
      voteFor: nominations.voteFor,
      voteAgainst: nominations.voteAgainst,
      voteTotal: nominations.voteTotal,
      createdAt: nominations.createdAt,
      submittedAt: nominations.submittedAt,
      proposalId: nominations.proposalId,
      updatedAt: sql<Date | null>`coalesce(${nominations.updatedAt}, ${nominations.createdAt})`.mapWith(
        (v: number | null) => (v == null ? null : new Date(v)),
      ),
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .innerJoin(rounds, eq(rounds.id, nominations.roundId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(and(eq(nominations.id, id), scope)));
  if (!row) throw new DomainError('not_found');
  const { voteFor, voteAgainst, voteTotal, position, gender, birthYear, partyMember, ...rest } = row;
  const person = row.individualId ? { position, gender, birthYear, partyMember: !!partyMember } : null;
  return { ...rest, person, frozen: !!(await standingSignoff(getDb(), row.roundId)), vote: voteTotal != null ? { for: voteFor ?? 0, against: voteAgainst ?? 0, total: voteTotal } : null };
}

export type TimelineEntry = { at: Date; actor: string | null; action: string; kind: 'event' | 'comment'; body?: string; before?: unknown; after?: unknown };

/** A nomination's comments and audit events, oldest first; empty unless the actor may see it. A return
 * reason is told once, by its event (the comment written with the same words would repeat it). */
export async function getNominationTimeline(actor: Actor | null, id: number): Promise<TimelineEntry[]> {
  await getNomination(actor, id);
  const db = getDb();
  const events = (await db
    .select({ at: auditEvents.at, actor: users.displayName, action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, 'nomination'), eq(auditEvents.entityId, id))))
    .filter((e) => e.action !== 'nomination.comment')
    .map((e) => ({ ...e, kind: 'event' as const }));
  const reasons = new Set(events.filter((e) => e.action === 'nomination.return').map((e) => (e.after as { reason?: string } | null)?.reason));
  const comments = (await db
    .select({ at: nominationComments.createdAt, actor: users.displayName, action: nominationComments.kind, body: nominationComments.body })
    .from(nominationComments)
    .innerJoin(users, eq(users.id, nominationComments.authorId))
    .where(eq(nominationComments.nominationId, id)))
    .filter((c) => !(c.action === 'return' && reasons.has(c.body)))
    .map((c) => ({ ...c, kind: 'comment' as const }));
  return [...events, ...comments].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The reason of the latest return, shown at the top of a returned nomination; null otherwise. */
export async function latestReturn(actor: Actor | null, id: number): Promise<{ reason: string; actor: string | null; at: Date; } | null> {
  const n = await getNomination(actor, id);
  if (n.status !== 'returned') return null;
  const row = await first(getDb()
    .select({ reason: nominationComments.body, actor: users.displayName, at: nominationComments.createdAt })
    .from(nominationComments)
    .leftJoin(users, eq(users.id, nominationComments.authorId))
    .where(and(eq(nominationComments.nominationId, id), eq(nominationComments.kind, 'return')))
    .orderBy(desc(nominationComments.createdAt), desc(nominationComments.id))
    .limit(1));
  return row ?? null;
}

/** Counts of what awaits the actor: returned (officer), submitted (reviewer), checked (approver).
 * Every staff page shows them: counted on the (round, status) index from the rounds in progress, and
 * remembered until the next write. */
export async function inboxCounts(actor: Actor | null): Promise<{ returned: number; submitted: number; checked: number; }> {
  const scope = nominationScope(actor);
  const out = { returned: 0, submitted: 0, checked: 0 };
  if (scope === null || !actor) return out;
  const db = getDb();
  const rows = await memoUntilWrite(`inbox:${scopeKey(actor)}`, async () => (await db
    .select({ status: nominations.status, n: count() })
    .from(nominations)
    .where(
      and(
        scope,
        inArray(nominations.roundId, db.select({ id: rounds.id }).from(rounds).where(inArray(rounds.status, ['open', 'reviewing']))),
        // An expression (status || '') keeps SQLite from choosing nominations_status (every queue of every
        // round) over nominations_round_status (only the rounds in progress); standard SQL on both engines.
        sql`(${nominations.status} || '') IN ('returned', 'submitted')`
      )
    )
    .groupBy(nominations.status))
    .concat(
      // The council votes only once the round is in review: a checked nomination of an open round is
      // nothing the approver can act on yet, so it is not counted as waiting for them.
      await db
        .select({ status: nominations.status, n: count() })
        .from(nominations)
        .where(and(scope, inArray(nominations.roundId, db.select({ id: rounds.id }).from(rounds).where(eq(rounds.status, 'reviewing'))), sql`(${nominations.status} || '') = 'checked'`))
        .groupBy(nominations.status)
    )
  );
  for (const r of rows) {
    if (r.status === 'returned' && actor.roles.includes('officer')) out.returned = r.n;
    if (r.status === 'submitted' && actor.roles.includes('reviewer')) out.submitted = r.n;
    if (r.status === 'checked' && actor.roles.includes('approver')) out.checked = r.n;
  }
  return out;
}

/** Nominees an officer may pick: individuals and collectives of their subtree. */
export type NomineeOption = { id: number; label: string; name: string; unitId: number };

/** How many of an officer's individuals (and of their collectives) the new-nomination form loads to search in the
 * browser; with more, the form asks the server as the officer types (`searchNomineeOptions`, /api/nominees/search),
 * so nobody past the first ones by name is out of reach. NOMINEE_OPTIONS_MAX in the environment sets another bound
 * (the e2e suite starts a server with 2 to use the search). */
export const NOMINEE_OPTIONS_MAX = /^\d{1,6}$/.test(process.env.NOMINEE_OPTIONS_MAX ?? '') ? Number(process.env.NOMINEE_OPTIONS_MAX) : 500;
/** Matches a nominee search answers. */
export const NOMINEE_SEARCH_LIMIT = 50;

/**
 * The queries of an officer's nominees under `unitPath`, by name (every word of `q`, folded, when given), at most
 * `limit` each, found by their unit's key (individuals_unit, collectives_unit). Given the path on the joined unit
 * instead, SQLite walked the whole registry in name order testing each row's unit: 4.3 s for a commune's 301 people
 * among a nation's million, 9 ms this way. Exported for the test of their plans.
 */
export function nomineeQueries(unitPath: string, { limit = NOMINEE_OPTIONS_MAX, q, unitId }: { limit?: number; q?: string; unitId?: number } = {}) {
  const db = getDb();
  const words = foldedWords(q);
  return {
    individuals: db
      .select({ id: individuals.id, name: individuals.fullName, unit: units.name, unitId: individuals.unitId })
      .from(individuals)
      .innerJoin(units, eq(units.id, individuals.unitId))
      .where(and(inArray(individuals.unitId, unitsUnder(unitPath)), unitId ? eq(individuals.unitId, unitId) : undefined, isNull(individuals.mergedIntoId), ...words.map((w) => likeText(individuals.nameFolded, w))))
      .orderBy(individuals.nameFolded)
      .limit(limit),
    collectives: db
      .select({ id: collectives.id, name: collectives.name, unitId: collectives.unitId })
      .from(collectives)
      .innerJoin(units, eq(units.id, collectives.unitId))
      .where(and(inArray(collectives.unitId, unitsUnder(unitPath)), unitId ? eq(collectives.unitId, unitId) : undefined, isNull(collectives.mergedIntoId), ...words.map((w) => likeText(collectives.nameFolded, w))))
      .orderBy(collectives.nameFolded)
      .limit(limit),
  };
}

const individualOption = (r: { id: number; name: string; unit: string; unitId: number }): NomineeOption => ({ id: r.id, label: `${r.name} — ${r.unit}`, name: r.name, unitId: r.unitId });
const collectiveOption = (r: { id: number; name: string; unitId: number }): NomineeOption => ({ id: r.id, label: r.name, name: r.name, unitId: r.unitId });

/** The new-nomination form's choices: the officer's units, and their individuals and collectives up to
 * NOMINEE_OPTIONS_MAX each; `complete` says, per kind, whether that is all of them (else the form searches). */
export async function listNomineeOptions(actor: Actor | null): Promise<{ individuals: NomineeOption[]; collectives: NomineeOption[]; units: Array<{ id: number; label: string; }>; complete: Record<NomineeKind, boolean> & { units: boolean } }> {
  if (!actor || !actor.roles.includes('officer')) return { individuals: [], collectives: [], units: [], complete: { individual: true, collective: true, units: true } };
  const db = getDb();
  const q = nomineeQueries(actor.unitPath, { limit: NOMINEE_OPTIONS_MAX + 1 });
  const [people, groups] = [await q.individuals, await q.collectives];
  // The nominee's unit: a <select> of the officer's units while they are few; above UNIT_SELECT_MAX (a province's
  // or the nation's office) none are loaded and the form searches them (components/unit-combobox.tsx).
  const unitRows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(like(units.path, `${actor.unitPath}%`), eq(units.active, true)))
    .orderBy(units.path)
    .limit(UNIT_SELECT_MAX + 1);
  const unitsComplete = unitRows.length <= UNIT_SELECT_MAX;
  return {
    individuals: people.slice(0, NOMINEE_OPTIONS_MAX).map(individualOption),
    collectives: groups.slice(0, NOMINEE_OPTIONS_MAX).map(collectiveOption),
    units: unitsComplete ? unitRows.map((r) => ({ id: r.id, label: r.name })) : [],
    complete: { individual: people.length <= NOMINEE_OPTIONS_MAX, collective: groups.length <= NOMINEE_OPTIONS_MAX, units: unitsComplete },
  };
}

/** An officer's individuals or collectives whose name holds every word of `q` (case, diacritics and đ folded), by
 * name, at most `limit`, of one unit when `unitId` is given (their similar names as a new one is typed): the
 * new-nomination form's search when the officer's people are too many to load. Never anyone outside their subtree. */
export async function searchNomineeOptions(actor: Actor | null, kind: NomineeKind, q: string, limit = NOMINEE_SEARCH_LIMIT, unitId?: number): Promise<NomineeOption[]> {
  if (!actor || !actor.roles.includes('officer')) throw new DomainError('forbidden');
  if (!fold(q)) return [];
  const found = nomineeQueries(actor.unitPath, { limit: Math.min(Math.max(Math.trunc(limit) || 1, 1), NOMINEE_SEARCH_LIMIT), q, unitId });
  return kind === 'individual' ? (await found.individuals).map(individualOption) : (await found.collectives).map(collectiveOption);
}

/** More options than this and a select stops being usable (a nation has thousands of nominating units). */
const FILTER_UNITS_MAX = 120;

/** Units an actor can filter the queue by: the nominating units (wards, departments…) within scope.
 * When there are too many, their ancestors at the deepest level that keeps the list short (provinces
 * rather than communes); the filter takes a unit's whole subtree, so nothing becomes unreachable. */
export async function listFilterUnits(actor: Actor | null): Promise<Array<{ id: number; name: string }>> {
  const scope = nominationScope(actor);
  if (scope === null || !actor) return [];
  return memoUntilWrite(`filter-units:${scopeKey(actor)}`, () => readFilterUnits(actor));
}

async function readFilterUnits(actor: Actor): Promise<Array<{ id: number; name: string; }>> {
  const db = getDb();
  const rows = await db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(
      and(
        exists(db.select({ one: sql`1` }).from(nominations).where(and(eq(nominations.unitId, units.id), nominationScope(actor) ?? undefined))),
      ),
    )
    .orderBy(units.path);
  if (rows.length <= FILTER_UNITS_MAX) return rows.map(({ id, name }) => ({ id, name }));
  const segments = rows.map((r) => r.path.split('/').filter(Boolean).map(Number));
  const deepest = Math.max(...segments.map((s) => s.length));
  // An officer never gets a unit above their own.
  const shallowest = Math.min(...segments.map((s) => s.length), actor.unitPath.split('/').filter(Boolean).length);
  let chosen: number[] = [];
  for (let depth = deepest; depth >= shallowest; depth--) {
    chosen = [...new Set(segments.map((s) => s[Math.min(depth, s.length) - 1]))];
    if (chosen.length <= FILTER_UNITS_MAX) break;
  }
  return await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, chosen)).orderBy(units.path);
}

export type NominationPermissions = {
  /** Each action's refusal for this actor now, or null when allowed. */
  may: Record<NominationAction, Refusal | null>;
  /** The actions this actor's roles concern here (the unit's, the reviewer's, the approver's, the admin's). */
  relevant: NominationAction[];
  /** An admin acting for the nominating unit (no officer of theirs is doing it). */
  onBehalf: boolean;
};

const ALL_ACTIONS: NominationAction[] = ['view', 'comment', 'edit', 'submit', 'withdraw', 'exclude', 'return', 'check', 'approve', 'reject', 'reconsider'];

/**
 * What the actor may do with a nomination now, and why not — so a page shows the reason instead of
 * nothing. Judged by the same rules the actions apply (lib/policy), on the same rows.
 */
export async function nominationPermissions(actor: Actor | null, id: number, now = new Date()): Promise<NominationPermissions> {
  await getNomination(actor, id);
  const ctx = (await loadNominationContext(getDb(), id))!;
  const may = Object.fromEntries(ALL_ACTIONS.map((a) => [a, nominationRefusal(actor, a, ctx, now)])) as NominationPermissions['may'];
  const unit = actsForUnit(actor, ctx);
  const relevant = new Set<NominationAction>();
  if (unit === 'officer') ['edit', 'submit', 'withdraw'].forEach((a) => relevant.add(a as NominationAction));
  if (officeOverRound(actor, 'admin', ctx.roundUnitPath)) ['withdraw', 'exclude'].forEach((a) => relevant.add(a as NominationAction));
  if (unit === 'on_behalf' && ctx.status === 'returned') ['edit', 'submit'].forEach((a) => relevant.add(a as NominationAction));
  if (officeOverRound(actor, 'reviewer', ctx.roundUnitPath)) ['check', 'return'].forEach((a) => relevant.add(a as NominationAction));
  if (officeOverRound(actor, 'approver', ctx.roundUnitPath)) ['approve', 'reconsider'].forEach((a) => relevant.add(a as NominationAction));
  return { may, relevant: ALL_ACTIONS.filter((a) => relevant.has(a)), onBehalf: unit === 'on_behalf' };
}
