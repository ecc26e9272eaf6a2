// Public reads: only published rounds and their unrevoked awards. No session needed, nothing else exposed.
import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { awards, rounds, units, type Gender, type NomineeKind, type RoundSource } from '@/db/tables';
import { publicMemo } from '@/lib/memo';
import { publicSearchAnswer } from '@/lib/public-search';
import { searchAwards, type SearchFilters, type SearchResult } from '@/lib/search-index';
import { compareVi, fold } from '@/lib/text';
import { first, rows } from '@/db/query';
import { unitPathUnder } from '@/lib/scope';

export type PublicRound = {
  slug: string;
  title: string;
  theme: string;
  period: string;
  authority: string;
  awardForm: string;
  source: RoundSource;
  decisionNumber: string | null;
  decisionDate: string | null;
  collectives: number;
  individuals: number;
};

export type PublicAward = {
  id: string;
  kind: NomineeKind;
  ordinal: number;
  name: string;
  unit: string;
  position: string | null;
  summary: string;
  /** The unit page (/units/[slug]) of the unit the award is listed under. */
  unitSlug: string;
};

/** An entry of a round's honour roll: with the area (ward, department) it is filed under, for filtering and grouping. */
export type RollAward = PublicAward & { areaSlug: string; areaName: string };

/** A ward or department with entries on a roll, and how many. */
export type RollArea = { slug: string; name: string; count: number };

/** An honour-roll entry as the public sees it (with the unit page it links to). */
const awardColumns = {
  id: awards.publicId,
  kind: awards.nomineeKind,
  ordinal: awards.ordinal,
  name: awards.name,
  unit: awards.unitName,
  position: awards.position,
  summary: awards.summary,
  unitSlug: units.slug,
};

const liveAward = and(isNull(awards.revokedAt), eq(awards.roundId, rounds.id));

const roundColumns = {
  id: rounds.id,
  slug: rounds.slug,
  title: rounds.title,
  theme: rounds.theme,
  period: rounds.period,
  authority: rounds.authority,
  awardForm: rounds.awardForm,
  source: rounds.source,
  decisionNumber: rounds.decisionNumber,
  decisionDate: rounds.decisionDate,
  collectives: sql<number>`(SELECT count(*) FROM ${awards} WHERE ${liveAward} AND ${awards.nomineeKind} = 'collective')`,
  individuals: sql<number>`(SELECT count(*) FROM ${awards} WHERE ${liveAward} AND ${awards.nomineeKind} = 'individual')`,
};

function toPublicRound({ id: _id, ...r }: PublicRound & { id: number }): PublicRound {
  return r;
}

export async function listPublishedRounds(): Promise<PublicRound[]> {
  return publicMemo('public:rounds', async () =>
    (await getDb()
      .select(roundColumns)
      .from(rounds)
      .where(eq(rounds.status, 'published'))
      .orderBy(desc(rounds.decisionDate), desc(rounds.id)))
      .map(toPublicRound),
  );
}

export async function getPublishedRound(slug: string): Promise<PublicRound | null> {
  if (slug.length > 200) return null;
  const row = await first(getDb()
    .select(roundColumns)
    .from(rounds)
    .where(and(eq(rounds.slug, slug), eq(rounds.status, 'published'))));
  return row ? toPublicRound(row) : null;
}

/** The honour roll of a published round: collectives then individuals, in the decision's order. */
export async function listPublishedAwards(slug: string): Promise<RollAward[] | null> {
  if (slug.length > 200) return null;
  return publicMemo(`public:awards:${slug}`, () => readPublishedAwards(slug));
}

async function readPublishedAwards(slug: string): Promise<RollAward[] | null> {
  const db = getDb();
  const round = await first(db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.slug, slug), eq(rounds.status, 'published'))));
  if (!round) return null;
  const rows = await db
    .select({ ...awardColumns, unitPath: units.path })
    .from(awards)
    .innerJoin(units, eq(units.id, awards.unitId))
    .where(and(eq(awards.roundId, round.id), isNull(awards.revokedAt)))
    .orderBy(asc(awards.nomineeKind), asc(awards.ordinal));
  const tops = await areasOf(rows.map((r) => r.unitPath));
  const topIds = await topUnitIds(rows.map((r) => r.unitPath));
  return rows.map(({ unitPath: _unitPath, ...a }, i) => {
    const area = tops.get(topIds[i]) ?? { slug: a.unitSlug, name: a.unit };
    return { ...a, areaSlug: area.slug, areaName: area.name };
  });
}

/** Slug and name of the area (the unit just below the top) of each of these unit paths, by unit id. */
async function areasOf(paths: string[]): Promise<Map<number, { slug: string; name: string; }>> {
  const ids = [...new Set(await topUnitIds(paths))];
  if (!ids.length) return new Map();
  return new Map((await getDb().select({ id: units.id, slug: units.slug, name: units.name }).from(units).where(inArray(units.id, ids))).map((u) => [u.id, u]));
}

/** The areas (wards, departments) with entries on a roll, in Vietnamese alphabetical order, with their counts. */
export function rollAreas(entries: RollAward[]): RollArea[] {
  const areas = new Map<string, RollArea>();
  for (const a of entries) {
    const area = areas.get(a.areaSlug);
    if (area) area.count++;
    else areas.set(a.areaSlug, { slug: a.areaSlug, name: a.areaName, count: 1 });
  }
  return [...areas.values()].sort((x, y) => compareVi(x.name, y.name));
}

/** What a roll is narrowed to, from the URL (`?q=` a name, `?unit=` an area's slug); anything malformed is dropped. */
export type RollFilter = { q: string; unit: string | null };

export const MAX_ROLL_QUERY = 100;

export function parseRollFilter(raw: { q?: string | string[]; unit?: string | string[] }): RollFilter {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const q = first(raw.q).normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, MAX_ROLL_QUERY);
  const unit = first(raw.unit);
  return { q, unit: /^[a-z0-9-]{1,120}$/.test(unit) ? unit : null };
}

/** The entries whose name has every word of `q` as the start of one of its words (case, diacritics and đ
 * folded: "nguyen van" finds Nguyễn Văn …, "dong" finds Đông), within the area `unit` when given. */
export function filterRoll<T extends { name: string; areaSlug: string }>(entries: T[], filter: RollFilter): T[] {
  const words = fold(filter.q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length && !filter.unit) return entries;
  return entries.filter((a) => {
    if (filter.unit && a.areaSlug !== filter.unit) return false;
    if (!words.length) return true;
    const nameWords = fold(a.name).split(/[^\p{L}\p{N}]+/u);
    return words.every((w) => nameWords.some((n) => n.startsWith(w)));
  });
}

/** The public JSON API's bodies, serialised once per change of the data rather than per request
 * (a nation's list of rounds is ~650 kB). */
export async function publicRoundsJson(): Promise<string> {
  return publicMemo('public:rounds.json', async () =>
    JSON.stringify(
      (await listPublishedRounds()).map((r) => ({
        slug: r.slug,
        title: r.title,
        period: r.period,
        authority: r.authority,
        awardForm: r.awardForm,
        source: r.source,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
        collectives: r.collectives,
        individuals: r.individuals,
      })),
    ),
  );
}

export async function publicAwardsJson(slug: string): Promise<string | null> {
  if (slug.length > 200) return null;
  return publicMemo(`public:awards.json:${slug}`, async () => {
    const awards = await listPublishedAwards(slug);
    return awards && JSON.stringify(awards.map((a) => ({ id: a.id, kind: a.kind, name: a.name, unit: a.unit, position: a.position })));
  });
}

/** For /api/health: the database answers a query. */
export async function databaseIsHealthy(): Promise<boolean> {
  try {
    return Number((await rows<{ ok: number }>(getDb(), sql`SELECT 1 AS ok`))[0]?.ok) === 1;
  } catch {
    return false;
  }
}

export type PublicAwardDetail = {
  id: string;
  kind: NomineeKind;
  name: string;
  position: string | null;
  unit: string;
  summary: string;
  roundSlug: string;
  roundTitle: string;
  authority: string;
  awardForm: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  source: RoundSource;
  /** Revoked awards stay verifiable: the page says so, with the revoking decision. */
  revoked: { decision: string | null; reason: string | null } | null;
};

/** An award of a published round, for /awards/[id] (what a certificate's QR code opens). */
export async function getPublicAward(publicId: string): Promise<PublicAwardDetail | null> {
  if (!/^[a-f0-9]{16}$/.test(publicId)) return null;
  const row = await first(getDb()
    .select({
      id: awards.publicId, kind: awards.nomineeKind, name: awards.name, position: awards.position, unit: awards.unitName, summary: awards.summary,
      roundSlug: rounds.slug, roundTitle: rounds.title, authority: rounds.authority, awardForm: rounds.awardForm, decisionNumber: rounds.decisionNumber,
      decisionDate: rounds.decisionDate, source: rounds.source, revokedAt: awards.revokedAt, revokeDecision: awards.revokeDecision, revokeReason: awards.revokeReason,
    })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(and(eq(awards.publicId, publicId), eq(rounds.status, 'published'))));
  if (!row) return null;
  const { revokedAt, revokeDecision, revokeReason, ...rest } = row;
  return { ...rest, revoked: revokedAt ? { decision: revokeDecision, reason: revokeReason } : null };
}

/** Public search over published, unrevoked awards (lib/search-index.ts). */
export async function searchPublicAwards(query: string, filters: SearchFilters, page: number): Promise<SearchResult> {
  return searchAwards(getDb(), query, filters, page);
}

/** The JSON of `/api/public/search` (lib/public-search.ts; the production server's search workers answer the same). */
export async function publicSearchJson(params: URLSearchParams) {
  return publicSearchAnswer(getDb(), params);
}

const yearOf = (isoDate: string | null) => (isoDate ? Number(isoDate.slice(0, 4)) : null);
const liveRoundAward = and(eq(rounds.status, 'published'), isNull(awards.revokedAt));

type UnitRow = { id: number; slug: string; name: string; path: string };

/** The areas units are filed under on public pages and counted under in statistics: for each path, the first unit
 * on it that is neither a root nor a Party or People's Committee (a ward, a department, a mass organisation), else
 * the unit itself — with the units above the areas read once for all. */
async function topUnitIds(paths: string[]): Promise<number[]> {
  const above = await overAreaUnitIds();
  return paths.map((p) => topUnitIdOf(p, above));
}

function topUnitIdOf(path: string, above: Set<number>): number {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids.find((id) => !above.has(id)) ?? ids[ids.length - 1];
}

/** Roots and committees: the units above the areas (read once per change of public data). */
async function overAreaUnitIds(): Promise<Set<number>> {
  return publicMemo('public:over-area-units', async () =>
    new Set(
      (await getDb()
        .select({ id: units.id })
        .from(units)
        .where(or(isNull(units.parentId), inArray(units.kind, ['party_committee', 'people_committee']))))
        .map((u) => u.id),
    ),
  );
}

export type SearchOptions = {
  rounds: Array<{ slug: string; title: string }>;
  years: number[];
  units: Array<{ slug: string; name: string }>;
};

/** Materialised paths of the units that hold live awards of published rounds. */
async function honouredUnitPaths(): Promise<string[]> {
  return (await getDb()
    .selectDistinct({ path: units.path })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .innerJoin(units, eq(units.id, awards.unitId))
    .where(liveRoundAward))
    .map((u) => u.path);
}

/** Choices of the search filters: published rounds, their years, and the units (wards, departments) with honours. */
export async function getSearchOptions(): Promise<SearchOptions> {
  const db = getDb();
  const rs = await listPublishedRounds();
  const unitIds = await topUnitIds(await honouredUnitPaths());
  const tops = unitIds.length ? (await db.select({ slug: units.slug, name: units.name }).from(units).where(inArray(units.id, [...new Set(unitIds)]))) : [];
  return {
    rounds: rs.map((r) => ({ slug: r.slug, title: r.title })),
    years: [...new Set(rs.map((r) => yearOf(r.decisionDate)).filter((y): y is number => y != null))].sort((a, b) => b - a),
    units: tops.sort((a, b) => compareVi(a.name, b.name)),
  };
}

export type PublicUnitHonours = {
  slug: string;
  name: string;
  parent: { slug: string; name: string } | null;
  /** Sub-units that have honours of their own, with how many. */
  children: Array<{ slug: string; name: string; awards: number }>;
  /** This page's awards of the unit and its subtree, by round, newest round first. */
  rounds: Array<{ slug: string; title: string; year: number | null; awards: PublicAward[] }>;
  total: number;
  page: number;
  pageCount: number;
};

/** Awards per page of a unit page: a province's page sums hundreds of thousands. */
export const UNIT_PAGE = 200;

/** A unit's honours over the years: published, unrevoked awards of the unit and its whole subtree, counted in
 * SQL and read one page at a time. Null when the unit does not exist or the page is past the end. */
export async function getPublicUnit(slug: string, requestedPage = 1, size = UNIT_PAGE): Promise<PublicUnitHonours | null> {
  if (slug.length > 200 || !Number.isInteger(requestedPage) || requestedPage < 1) return null;
  const db = getDb();
  const unit = await first(db.select({ id: units.id, slug: units.slug, name: units.name, path: units.path, parentId: units.parentId }).from(units).where(eq(units.slug, slug)));
  if (!unit) return null;
  const parent = unit.parentId ? (await first(db.select({ slug: units.slug, name: units.name }).from(units).where(eq(units.id, unit.parentId)))) ?? null : null;
  const inSubtree = and(liveRoundAward, unitPathUnder(unit.path));
  // Counts per unit of the subtree (at most one row per unit), folded into the unit's children.
  const perUnit = await db
    .select({ path: units.path, n: sql<number>`count(*)` })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .innerJoin(units, eq(units.id, awards.unitId))
    .where(inSubtree)
    .groupBy(units.id);
  const total = perUnit.reduce((n, u) => n + u.n, 0);
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (requestedPage > pageCount) return null;
  const childCounts = new Map<number, number>();
  const depth = unit.path.split('/').filter(Boolean).length;
  for (const u of perUnit) {
    const childId = u.path.split('/').filter(Boolean).map(Number)[depth];
    if (childId) childCounts.set(childId, (childCounts.get(childId) ?? 0) + u.n);
  }
  const rows = await db
    .select({ ...awardColumns, roundSlug: rounds.slug, roundTitle: rounds.title, decisionDate: rounds.decisionDate })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .innerJoin(units, eq(units.id, awards.unitId))
    .where(inSubtree)
    .orderBy(desc(rounds.decisionDate), desc(rounds.id), asc(awards.nomineeKind), asc(awards.ordinal))
    .limit(size)
    .offset((requestedPage - 1) * size);
  const byRound = new Map<string, PublicUnitHonours['rounds'][number]>();
  for (const { roundSlug, roundTitle, decisionDate, ...a } of rows) {
    let r = byRound.get(roundSlug);
    if (!r) byRound.set(roundSlug, (r = { slug: roundSlug, title: roundTitle, year: yearOf(decisionDate), awards: [] }));
    r.awards.push(a);
  }
  const children = childCounts.size
    ? (await db.select({ id: units.id, slug: units.slug, name: units.name }).from(units).where(inArray(units.id, [...childCounts.keys()])))
    : [];
  return {
    slug: unit.slug,
    name: unit.name,
    parent,
    children: children.map((c) => ({ slug: c.slug, name: c.name, awards: childCounts.get(c.id)! })).sort((a, b) => compareVi(a.name, b.name)),
    rounds: [...byRound.values()],
    total,
    page: requestedPage,
    pageCount,
  };
}

/** Slugs of the units that have public honours (their own or their subtree's): the unit pages worth listing. */
export async function listHonouredUnitSlugs(): Promise<string[]> {
  const ids = new Set((await honouredUnitPaths()).flatMap((path) => path.split('/').filter(Boolean).map(Number)));
  if (!ids.size) return [];
  return (await getDb().select({ slug: units.slug }).from(units).where(inArray(units.id, [...ids]))).map((u) => u.slug).sort();
}

export type StatRow = { key: string; label: string; collectives: number; individuals: number };
export type PublicStats = {
  total: { collectives: number; individuals: number };
  byRound: StatRow[];
  byUnit: StatRow[];
  byGender: Array<{ gender: Gender | 'unknown'; count: number }>;
};

/** Counts of published, unrevoked awards by round, by unit (ward/department level), by kind and by gender:
 * aggregated in SQL (one row per round, per unit, per gender), never one row per award. */
export async function getPublicStats(): Promise<PublicStats> {
  const db = getDb();
  const collectives = sql<number>`count(CASE WHEN ${awards.nomineeKind} = 'collective' THEN 1 END)`;
  const individuals = sql<number>`count(CASE WHEN ${awards.nomineeKind} = 'individual' THEN 1 END)`;
  const byRound: StatRow[] = await db
    .select({ key: rounds.slug, label: rounds.title, collectives, individuals })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(liveRoundAward)
    .groupBy(rounds.id)
    .orderBy(desc(rounds.decisionDate), desc(rounds.id));
  const perUnit = await db
    .select({ path: units.path, collectives, individuals })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .innerJoin(units, eq(units.id, awards.unitId))
    .where(liveRoundAward)
    .groupBy(units.id);
  const byTopId = new Map<number, { collectives: number; individuals: number }>();
  // The units above the areas read once for all (per unit, each asked the public-data version: a nation's 10,000
  // units with honours took 38 s).
  const topIds = await topUnitIds(perUnit.map((u) => u.path));
  for (const [i, u] of perUnit.entries()) {
    const top = topIds[i];
    const row = byTopId.get(top) ?? { collectives: 0, individuals: 0 };
    row.collectives += u.collectives;
    row.individuals += u.individuals;
    byTopId.set(top, row);
  }
  const tops = byTopId.size
    ? (await db.select({ id: units.id, slug: units.slug, name: units.name }).from(units).where(inArray(units.id, [...byTopId.keys()])))
    : [];
  const byUnit = tops
    .map((u: Omit<UnitRow, 'path'>) => ({ ...byTopId.get(u.id)!, key: u.slug, label: u.name }))
    .sort((a, b) => b.collectives + b.individuals - (a.collectives + a.individuals) || compareVi(a.label, b.label));
  const genders = new Map(
    (await db
      .select({ gender: awards.gender, n: sql<number>`count(*)` })
      .from(awards)
      .innerJoin(rounds, eq(rounds.id, awards.roundId))
      .where(and(liveRoundAward, eq(awards.nomineeKind, 'individual')))
      .groupBy(awards.gender))
      .map((g) => [(g.gender ?? 'unknown') as Gender | 'unknown', g.n]),
  );
  const order: Array<Gender | 'unknown'> = ['female', 'male', 'other', 'unknown'];
  return {
    total: {
      collectives: byRound.reduce((n, r) => n + r.collectives, 0),
      individuals: byRound.reduce((n, r) => n + r.individuals, 0),
    },
    byRound,
    byUnit,
    byGender: order.filter((g) => genders.has(g)).map((gender) => ({ gender, count: genders.get(gender)! })),
  };
}

/** Rows a statistics table shows (a nation's 1,761 rounds and 3,550 units made the page 4 MB): the first ones,
 * and the rest summed in one row. */
export const STATS_ROWS = 30;

/** The first `max` rows, and the others summed in one (`key` empty, `count` the rows summed), or null. */
export function firstStatRows(rows: StatRow[], max = STATS_ROWS): { shown: StatRow[]; others: (StatRow & { count: number }) | null } {
  if (rows.length <= max) return { shown: rows, others: null };
  const rest = rows.slice(max);
  return {
    shown: rows.slice(0, max),
    others: { key: '', label: '', count: rest.length, collectives: rest.reduce((n, r) => n + r.collectives, 0), individuals: rest.reduce((n, r) => n + r.individuals, 0) },
  };
}

/** Rounds the home page lists (newest first): a district's every round; a nation's newest. */
export const HOME_ROUNDS = 30;

/** Entries per page of a public honour roll: a district's roll fits one page. */
export const ROLL_PAGE = 200;

/** One page of a roll (`requested` straight from the URL; anything odd reads as page 1, past the end as the last). */
export function rollPage<T>(awards: T[], requested: unknown, size = ROLL_PAGE): { page: number; pageCount: number; shown: T[] } {
  const pageCount = Math.max(1, Math.ceil(awards.length / size));
  const asked = typeof requested === 'string' && /^\d{1,6}$/.test(requested) ? Number(requested) : 1;
  const page = Math.min(Math.max(1, asked), pageCount);
  return { page, pageCount, shown: awards.slice((page - 1) * size, page * size) };
}
