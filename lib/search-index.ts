// The full-text index of public awards (FTS5 table `award_search`, rowid = awards.id) and the one query
// that reads it. Free of `server-only`: the workflow's transactions, the seed and the scripts call it.
// Every indexed column and every query term is folded by lib/text.ts fold() — FTS5's own
// remove_diacritics leaves đ alone — so "nguyen van duc" finds "Nguyễn Văn Đức".
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { awards, rounds } from '@/db/schema';
import { fold } from '@/lib/text';

// Anything with drizzle's sync API: the connection or a transaction.
type Db = Pick<BetterSQLite3Database<Record<string, unknown>>, 'run' | 'all' | 'get' | 'select'>;

/** Longest query taken into account (characters); longer input is cut, never an error. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;

function insertRows(db: Db, where: ReturnType<typeof and>): void {
  const rows = db
    .select({ id: awards.id, name: awards.name, unit: awards.unitName, position: awards.position, summary: awards.summary })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(and(eq(rounds.status, 'published'), isNull(awards.revokedAt), where))
    .all();
  for (const r of rows) {
    db.run(sql`DELETE FROM award_search WHERE rowid = ${r.id}`);
    db.run(
      sql`INSERT INTO award_search (rowid, name, unit, position, summary) VALUES (${r.id}, ${fold(r.name)}, ${fold(r.unit)}, ${fold(r.position ?? '')}, ${fold(r.summary)})`,
    );
  }
}

/** Indexes the unrevoked awards of a round once it is published (call inside the publishing transaction). */
export function indexRoundAwards(db: Db, roundId: number): void {
  insertRows(db, eq(awards.roundId, roundId));
}

/** Takes an award out of the index (call inside the revoking transaction). */
export function unindexAward(db: Db, awardId: number): void {
  db.run(sql`DELETE FROM award_search WHERE rowid = ${awardId}`);
}

/** Rebuilds the whole index from the awards of published rounds (seed, scripts, existing databases). */
export function rebuildSearchIndex(db: Db): void {
  db.run(sql`DELETE FROM award_search`);
  insertRows(db, undefined);
}

/** Whether awards of published rounds exist but the index is empty (a database from before the index). */
export function searchIndexMissing(db: Db): boolean {
  const indexed = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM award_search`)?.n ?? 0;
  if (indexed > 0) return false;
  const live = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM awards a JOIN rounds r ON r.id = a.round_id WHERE r.status = 'published' AND a.revoked_at IS NULL`,
  )?.n ?? 0;
  return live > 0;
}

/**
 * The user's words as a safe FTS5 expression: folded, split on anything but letters and digits,
 * each word quoted (so `"`, `*`, `NEAR(`, `OR`, `-` are plain text) and prefix-matched (`"duc"*`), all
 * required. Null when nothing searchable remains.
 */
export function toMatchExpression(query: string): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"*`).join(' ');
}

function queryTerms(query: string): string[] {
  return fold(query.slice(0, MAX_QUERY_LENGTH))
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

export type SearchFilters = {
  round?: string | null;
  year?: number | null;
  /** Unit slug: awards of the unit and its whole subtree. */
  unit?: string | null;
  kind?: 'collective' | 'individual' | null;
};

export type SearchHit = {
  id: string;
  kind: 'collective' | 'individual';
  name: string;
  position: string | null;
  unit: string;
  unitSlug: string;
  summary: string;
  roundSlug: string;
  roundTitle: string;
  year: number | null;
};

/** `more`: the words match more awards than MAX_CANDIDATES; only the newest of them are ranked and counted. */
export type SearchResult = { total: number; more?: boolean; page: number; pageSize: number; pages: number; hits: SearchHit[] };

/**
 * How many matching awards, newest first, are ranked at most. A broad prefix ("ng") matches a good part of
 * a nation's 1.5 million awards; ranking them all would take seconds, the newest thousands take milliseconds
 * (FTS5 walks its index in rowid order and stops).
 */
export const MAX_CANDIDATES = 1000;

export const SEARCH_PAGE_SIZE = 20;

/** Published, unrevoked awards matching `query` and the filters, best first, one page of them. */
export function searchAwards(db: Db, query: string, filters: SearchFilters = {}, page = 1, pageSize = SEARCH_PAGE_SIZE, maxCandidates = MAX_CANDIDATES): SearchResult {
  const match = toMatchExpression(query);
  const empty: SearchResult = { total: 0, page: 1, pageSize, pages: 0, hits: [] };
  if (!match) return empty;
  const conditions = [sql`award_search MATCH ${match}`, sql`r.status = 'published'`, sql`a.revoked_at IS NULL`];
  if (filters.round) conditions.push(sql`r.slug = ${filters.round}`);
  if (filters.year) conditions.push(sql`substr(r.decision_date, 1, 4) = ${String(filters.year)}`);
  if (filters.kind) conditions.push(sql`a.nominee_kind = ${filters.kind}`);
  if (filters.unit) {
    conditions.push(sql`u.path LIKE (SELECT path FROM units WHERE slug = ${filters.unit}) || '%'`);
  }
  const where = sql.join(conditions, sql` AND `);
  const from = sql`award_search JOIN awards a ON a.id = award_search.rowid JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id`;
  // The words together, in the order typed ("tan thuan dong" in a name or unit), before words scattered;
  // then bm25 (name weighs most), then newer decisions. Ranked here, over the newest candidates only.
  const phrase = queryTerms(query).join(' ');
  const candidates = db.all<{ id: number; phrase: number; score: number; date: string | null; kind: string; ordinal: number }>(sql`
    SELECT award_search.rowid AS id, (instr(award_search.name, ${phrase}) > 0 OR instr(award_search.unit, ${phrase}) > 0) AS phrase,
      bm25(award_search, 10.0, 4.0, 2.0, 1.0) AS score, r.decision_date AS date, a.nominee_kind AS kind, a.ordinal AS ordinal
    FROM ${from} WHERE ${where} ORDER BY award_search.rowid DESC LIMIT ${maxCandidates + 1}`);
  const more = candidates.length > maxCandidates;
  const ranked = candidates
    .slice(0, maxCandidates)
    .sort((x, y) => y.phrase - x.phrase || x.score - y.score || (y.date ?? '').localeCompare(x.date ?? '') || x.kind.localeCompare(y.kind) || x.ordinal - y.ordinal);
  const total = ranked.length;
  if (total === 0) return empty;
  const pages = Math.ceil(total / pageSize);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), Math.max(1, pages));
  const pageIds = ranked.slice((current - 1) * pageSize, current * pageSize).map((c) => c.id);
  const found = db.all<{
    awardId: number; id: string; kind: 'collective' | 'individual'; name: string; position: string | null; unit: string; unitSlug: string;
    summary: string; roundSlug: string; roundTitle: string; decisionDate: string | null;
  }>(sql`SELECT a.id AS awardId, a.public_id AS id, a.nominee_kind AS kind, a.name, a.position, a.unit_name AS unit, u.slug AS unitSlug,
      a.summary, r.slug AS roundSlug, r.title AS roundTitle, r.decision_date AS decisionDate
    FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id
    WHERE a.id IN (SELECT value FROM json_each(${JSON.stringify(pageIds)}))`);
  const byId = new Map(found.map(({ awardId, ...r }) => [awardId, r]));
  const rows = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  return {
    total,
    ...(more ? { more } : {}),
    page: current,
    pageSize,
    pages,
    hits: rows.map(({ decisionDate, ...r }) => ({ ...r, year: decisionDate ? Number(decisionDate.slice(0, 4)) : null })),
  };
}
