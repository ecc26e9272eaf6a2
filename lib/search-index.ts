// The full-text index of public awards (FTS5 table `award_search`, rowid = awards.id, and the names alone in
// `award_name_search`) and the one query that reads them. Free of `server-only`: the workflow's transactions, the seed and the scripts call it.
// Every indexed column and every query term is folded by lib/text.ts fold() — FTS5's own
// remove_diacritics leaves đ alone — so "nguyen van duc" finds "Nguyễn Văn Đức".
// On PostgreSQL the same two indexes are tables with a tsvector and a GIN index (db/migrations-pg 0001,
// 0002), filled and searched by the same passes; only the statements below differ (`pg ? … : …`).
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DB } from '@/db/connection';
import { isPostgresDb } from '@/db/engine';
import { exec, rows as queryRows } from '@/db/query';
import { awards, rounds } from '@/db/tables';
import { fold } from '@/lib/text';

// The connection or a transaction, on either engine.
type Db = DB;

/** Longest query taken into account (characters); longer input is cut, never an error. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;

async function insertRows(db: Db, where: ReturnType<typeof and>): Promise<void> {
  const rows = await db
    .select({ id: awards.id, name: awards.name, unit: awards.unitName, unitId: awards.unitId, position: awards.position, summary: awards.summary, kind: awards.nomineeKind, ordinal: awards.ordinal, date: rounds.decisionDate })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(and(eq(rounds.status, 'published'), isNull(awards.revokedAt), where));
  const pg = isPostgresDb(db);
  for (const r of rows) {
    await unindexAward(db, r.id);
    const values = sql`${r.id}, ${fold(r.name)}, ${fold(r.unit)}, ${fold(r.position ?? '')}, ${fold(r.summary)}`;
    await exec(
      db,
      pg
        ? sql`INSERT INTO award_search (award_id, name, unit, position, summary, facets) VALUES (${values}, ${facetsOf(r)})`
        : sql`INSERT INTO award_search (rowid, name, unit, position, summary) VALUES (${values})`,
    );
    await insertName(db, { ...r, folded: fold(r.name) });
  }
}

/** PostgreSQL: an award's filters as lexemes of the search indexes (db/migrations-pg 0009's award_search_facets). */
const facetsOf = (r: { kind: string; date: string | null; unitId: number }): SQL =>
  sql`award_search_facets(${r.kind}, ${r.date}, (SELECT path FROM units WHERE id = ${r.unitId}))`;

/** Indexes the unrevoked awards of a round once it is published (call inside the publishing transaction). */
export async function indexRoundAwards(db: Db, roundId: number): Promise<void> {
  await insertRows(db, eq(awards.roundId, roundId));
}

/** Takes a round's awards out of the index when it leaves the public side (call inside the archiving transaction). */
export async function unindexRound(db: Db, roundId: number): Promise<void> {
  await unindex(db, sql`(SELECT id FROM awards WHERE round_id = ${roundId})`);
}

/** Takes an award out of the index (call inside the revoking transaction). */
export async function unindexAward(db: Db, awardId: number): Promise<void> {
  await unindex(db, sql`(${awardId})`);
}

/** Takes the awards whose ids `ids` lists (a parenthesised list or subquery) out of both search tables. */
async function unindex(db: Db, ids: SQL): Promise<void> {
  const key = isPostgresDb(db) ? sql`award_id` : sql`rowid`;
  await exec(db, sql`DELETE FROM award_search WHERE ${key} IN ${ids}`);
  await exec(db, sql`DELETE FROM award_name_search WHERE ${key} IN ${ids}`);
}

/**
 * PostgreSQL: rewrites the filters' lexemes (`facets` of both search tables, db/migrations-pg 0009) of the public awards of the
 * units whose path begins with `pathPrefix` — a moved or merged unit's subtree, whose units above changed. Call in
 * the moving transaction, after the paths are rewritten. SQLite's search tests the filters on the awards themselves.
 */
export async function refreshSearchFacets(db: Db, pathPrefix: string): Promise<void> {
  if (!isPostgresDb(db)) return;
  for (const table of ['award_search', 'award_name_search']) {
    await exec(
      db,
      sql`UPDATE ${sql.raw(table)} s SET facets = award_search_facets(a.nominee_kind, r.decision_date, u.path)
        FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id
        WHERE a.id = s.award_id AND u.path LIKE ${`${pathPrefix}%`}`,
    );
  }
}

/** Rebuilds the whole index from the awards of published rounds (seed, scripts, existing databases). */
export async function rebuildSearchIndex(db: Db): Promise<void> {
  await exec(db, sql`DELETE FROM award_search`);
  await exec(db, sql`DELETE FROM award_name_search`);
  await insertRows(db, undefined);
}

/** A name's words, then each pair of neighbouring words as one word: "ho minh phuc" → "ho minh phuc ho_minh minh_phuc". */
export function nameWords(folded: string): string {
  const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
  return [...words, ...words.slice(1).map((w, i) => `${words[i]}_${w}`)].join(' ');
}

/** On PostgreSQL a pair of words is joined by '0' (its parser cuts words at '_'; see db/migrations-pg 0002). */
const pgPairs = (words: string) => words.replaceAll('_', '0');

/** A name index row: the folded name's words, what the ranking reads (migration 0018 / pg 0007), and its award's unit. */
type NameRow = { id: number; folded: string; name: string; date: string | null; kind: string; ordinal: number; unitId: number };

async function insertName(db: Db, r: NameRow): Promise<void> {
  await exec(
    db,
    isPostgresDb(db)
      ? sql`INSERT INTO award_name_search (award_id, name, words, display_name, decision_date, kind, ordinal, facets)
          VALUES (${r.id}, ${r.folded}, to_tsvector('simple', ${pgPairs(nameWords(r.folded))}), ${r.name}, ${r.date}, ${r.kind}, ${r.ordinal},
            ${facetsOf(r)})`
      : sql`INSERT INTO award_name_search (rowid, name, words, display_name, decision_date, kind, ordinal)
          VALUES (${r.id}, ${r.folded}, ${nameWords(r.folded)}, ${r.name}, ${r.date}, ${r.kind}, ${r.ordinal})`,
  );
}

/** Whether award_search has rows but the name index none (a database from before migration 0014). */
export async function nameIndexMissing(db: Db): Promise<boolean> {
  return (await queryRows(db, sql`SELECT 1 AS one FROM award_name_search LIMIT 1`)).length === 0 && (await queryRows(db, sql`SELECT 1 AS one FROM award_search LIMIT 1`)).length > 0;
}

/** Fills the name index from award_search's folded names, in chunks (a nation's 1.5 million in a few seconds). */
export async function rebuildNameIndex(db: Db): Promise<void> {
  const pg = isPostgresDb(db);
  const key = pg ? sql`award_id` : sql`rowid`;
  await exec(db, sql`DELETE FROM award_name_search`);
  for (let after = -1; ; ) {
    const rows = await queryRows<NameRow>(
      db,
      sql`SELECT s.${key} AS id, s.name AS folded, a.name AS name, r.decision_date AS date, a.nominee_kind AS kind, a.ordinal AS ordinal, a.unit_id AS "unitId"
        FROM award_search s JOIN awards a ON a.id = s.${key} JOIN rounds r ON r.id = a.round_id WHERE s.${key} > ${after} ORDER BY s.${key} LIMIT 10000`,
    );
    if (!rows.length) break;
    for (const r of rows) await insertName(db, r);
    after = rows[rows.length - 1].id;
  }
  // One segment instead of the hundreds a bulk insert leaves: each word's postings read in one go.
  if (!pg) await exec(db, sql`INSERT INTO award_name_search (award_name_search) VALUES ('optimize')`);
}

/** Whether awards of published rounds exist but the index is empty (a database from before the index). */
export async function searchIndexMissing(db: Db): Promise<boolean> {
  const indexed = Number((await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM award_search`))[0]?.n ?? 0);
  if (indexed > 0) return false;
  const live = Number(
    (await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM awards a JOIN rounds r ON r.id = a.round_id WHERE r.status = 'published' AND a.revoked_at IS NULL`))[0]?.n ?? 0,
  );
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

/** `more`: the words may match more awards than were ranked and counted — more than MAX_CANDIDATES, or names
 * with the words in the order typed filled a page and nothing else was searched (NAMES_ENOUGH). */
export type SearchResult = { total: number; more?: boolean; page: number; pageSize: number; pages: number; hits: SearchHit[] };

/**
 * How many matching awards are ranked at most. A broad prefix ("ng") matches a good part of a nation's
 * 1.5 million awards; ranking them all would take seconds. Candidates are gathered pass by pass (see
 * `searchPasses`), each newest first — FTS5 walks its index in rowid order and stops — names before
 * anything else, so a name match is never crowded out by newer matches in achievements.
 */
export const MAX_CANDIDATES = 200;

/** When the names with the words in the order typed are at least this many (a page), nothing else is searched
 * (the words scattered in names, units, positions, achievements: with common words the costliest queries) and
 * the result says `more`. */
export const NAMES_ENOUGH = 20;

export const SEARCH_PAGE_SIZE = 20;

/**
 * Where the words were found, best first: 0 the words in the order typed in the name, 1 all words in the
 * name, 2 the words in the order typed in the unit, position or achievement, 3 the words anywhere, 4 the
 * words anywhere as beginnings of words (only when nothing else matched: "nguy va du").
 */
export type MatchTier = 0 | 1 | 2 | 3 | 4;

/**
 * The FTS5 queries to run, in order, for the folded terms, each with every word required (an AND query, which
 * FTS5 answers newest first and stops at the limit; a phrase query would read the positions of every award
 * that has the words anywhere). First the names (`award_name_search`): the words in the order typed, through
 * their pairs of neighbouring words ("ho_minh" "minh_phuc": rare words, so cheap, tier 0), then the words
 * anywhere in the name (tier 1); then anywhere (`award_search`: tiers 2 and 3, told apart by the words).
 * Tier 1 and the rest are searched only when the names with the words in the order typed are too few (`when:
 * 'few-names'`): common words ("thi", "minh", "van") each have hundreds of thousands of awards to walk, and
 * FTS5 walks them all when few have every word. Whole words first:
 * a prefix merges the postings of every word it begins ("phuong"* reads every "Phường" of a nation's units),
 * so the last word is taken as a beginning ("nguyen van b") only when the whole words found less than a page
 * (`when: 'few'`), and every word as a beginning ("nguy va du", tier 4) only when nothing matched (`when: 'none'`).
 */
export function searchPasses(terms: string[]): Array<{ index: 'names' | 'all'; expr: string; prefixLast: boolean; when: 'always' | 'few-names' | 'few' | 'none' }> {
  const last = terms.length - 1;
  const quote = (t: string, prefix: boolean) => `"${t}"${prefix ? '*' : ''}`;
  const words = (prefixLast: boolean) => terms.map((t, i) => quote(t, prefixLast && i === last)).join(' ');
  const pairs = (prefixLast: boolean) => terms.slice(1).map((t, i) => quote(`${terms[i]}_${t}`, prefixLast && i + 1 === last)).join(' ');
  const pass = (prefixLast: boolean, when: 'always' | 'few') => [
    ...(terms.length > 1
      ? [
          { index: 'names' as const, expr: pairs(prefixLast), prefixLast, when },
          { index: 'names' as const, expr: words(prefixLast), prefixLast, when: when === 'always' ? ('few-names' as const) : when },
        ]
      : [{ index: 'names' as const, expr: words(prefixLast), prefixLast, when }]),
    { index: 'all' as const, expr: words(prefixLast), prefixLast, when: when === 'always' ? ('few-names' as const) : when },
  ];
  const fallback = terms.length > 1 ? [{ index: 'all' as const, expr: terms.map((t) => `"${t}"*`).join(' '), prefixLast: true, when: 'none' as const }] : [];
  return [...pass(false, 'always'), ...pass(true, 'few'), ...fallback];
}

/**
 * An FTS5 expression of searchPasses() as a PostgreSQL tsquery: each quoted word required (`&`), a trailing
 * `*` a prefix (`:*`); in the name index a pair's '_' is '0' (pgPairs). Safe to pass as a parameter: the
 * words are [a-z0-9_]+ (queryTerms).
 */
export function toTsQuery(expr: string, names: boolean): string {
  return [...expr.matchAll(/"([a-z0-9_]+)"(\*?)/g)].map(([, word, star]) => `${names ? pgPairs(word) : word}${star ? ':*' : ''}`).join(' & ');
}

/**
 * PostgreSQL: the ids of the newest `limit` names holding every one of `words` (lexemes of the name index: words,
 * pairs joined by '0'), as a subquery: from award_name_words, each word's range of the B-tree read backwards, the
 * words joined on the id (a merge, or a nested loop from the rarest), stopped at the limit. Index-only; the cost
 * follows the words' matches among the newest names, never the table's size.
 */
function newestWithWords(words: string[], limit: number): SQL {
  const [head, ...rest] = [...new Set(words)];
  const also = rest.map((w) => sql` AND EXISTS (SELECT 1 FROM award_name_words w WHERE w.word = ${w} AND w.award_id = w0.award_id)`);
  return sql`SELECT w0.award_id FROM award_name_words w0 WHERE w0.word = ${head}${sql.join(also, sql``)} ORDER BY w0.award_id DESC LIMIT ${limit}`;
}

/** Whether every term is a word of the folded `text` (the last one a word's beginning when `prefixLast`). */
function hasWords(text: string, terms: string[], prefixLast: boolean): boolean {
  const words = text.split(/[^a-z0-9]+/);
  const last = terms.length - 1;
  return terms.every((t, i) => words.some((w) => w === t || (prefixLast && i === last && w.startsWith(t))));
}

/** Whether the folded `text` has the terms as consecutive words, the last one as a word's beginning when `prefixLast`. */
export function hasPhrase(text: string, terms: string[], prefixLast = false): boolean {
  // '|' stays a word of its own: the columns joined by ' | ' never make one phrase across them.
  const words = text.split(/[^a-z0-9|]+/);
  const last = terms.length - 1;
  for (let i = 0; i + last < words.length; i++) {
    let j = 0;
    while (j <= last && (words[i + j] === terms[j] || (prefixLast && j === last && words[i + j].startsWith(terms[j])))) j++;
    if (j > last) return true;
  }
  return false;
}

/**
 * The words of the query that carry diacritics (or đ), lower case NFC: "Nguyễn van" → ["nguyễn"]. A query
 * typed with marks asks for those marks; words typed without them match any.
 */
export function markedWords(query: string): string[] {
  return query
    .slice(0, MAX_QUERY_LENGTH)
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && fold(w) !== w && /^[a-z0-9]+$/.test(fold(w)))
    .slice(0, MAX_TERMS);
}

/** Whether every marked word begins a word of `text` exactly, marks included ("văn" in "Nguyễn Văn An", not in "Lê Vân"). */
export function matchesMarks(marked: string[], text: string): boolean {
  if (marked.length === 0) return true;
  const words = text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return marked.every((m) => words.some((w) => w.startsWith(m)));
}

/** The round's title, with the decision year after it unless the title already says it ("… 2021–2024 (2024)" is noise). */
export function roundLabel(title: string, year: number | null, withYear = (t: string, y: number) => `${t} (${y})`): string {
  return year && !title.includes(String(year)) ? withYear(title, year) : title;
}

/**
 * Spans of `text` that match the query's words, for highlighting: each folded term marks the start of a word
 * that begins with it, case, diacritics and đ folded ("nguyen" marks "Nguyễn"). Returned as alternating
 * parts so the page renders them as text — never as HTML.
 */
export function highlightParts(text: string, query: string): Array<{ text: string; match: boolean }> {
  const terms = queryTerms(query);
  if (!terms.length || !text) return text ? [{ text, match: false }] : [];
  const parts: Array<{ text: string; match: boolean }> = [];
  const push = (t: string, match: boolean) => {
    if (!t) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += t;
    else parts.push({ text: t, match });
  };
  // Walk the words of the text; fold each one alone so offsets stay those of the original string.
  const re = /[\p{L}\p{N}\p{M}]+/gu;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[0];
    const folded = fold(word);
    const term = terms.filter((t) => folded.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (!term) continue;
    // How many characters of the original word make up the matched prefix (folding can merge marks).
    let cut = word.length;
    for (let i = 1; i <= word.length; i++) {
      if (fold(word.slice(0, i)).length >= term.length && !/\p{M}/u.test(word[i] ?? '')) {
        cut = i;
        break;
      }
    }
    push(text.slice(at, m.index), false);
    push(word.slice(0, cut), true);
    push(word.slice(cut), false);
    at = m.index + word.length;
  }
  push(text.slice(at), false);
  return parts;
}

/** ISO dates and the kinds' ASCII names in code-unit order (localeCompare's collator costs ~1 µs a call). */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Candidate = { id: number; tier: MatchTier; score: number; name: string; folded: string; text: string | null; date: string | null; kind: string; ordinal: number };
type Row = Omit<Candidate, 'tier' | 'score'> & { other: string | null };

/** In place of bm25 (whose word statistics read every award that has a common word): the fewer other words
 * beside the matched ones, the better — a short name, an achievement that says little else. Lower is better. */
function looseness(text: string, terms: string[]): number {
  let words = 0;
  let hits = 0;
  for (const w of text.split(/[^a-z0-9]+/)) {
    if (!w) continue;
    words++;
    for (const t of terms) {
      if (w.startsWith(t)) {
        hits++;
        break;
      }
    }
  }
  return hits ? words / hits : Infinity;
}

/**
 * How many of the newest rows a filtered search on PostgreSQL walks before it asks the index (filteredMatches): the
 * achievements', and the names' — a name matches far less often than an award's whole text, and a name's pair of
 * words is rarer still, so the walk of the names pays only for words common enough to fill it quickly.
 */
const FACETS_WINDOW = { all: 30_000, names: 10_000 };

/**
 * PostgreSQL: a kind, year or unit filter as a tsquery of award_search.facets (db/migrations-pg 0009: "kindividual",
 * "y2024", a unit or any unit above it "u77"), every one required; null for a unit that does not exist (no award is
 * under it).
 */
async function facetsQuery(db: Db, filters: SearchFilters): Promise<string | null> {
  const lexemes: string[] = [];
  if (filters.kind) lexemes.push(`k${filters.kind === 'collective' ? 'collective' : 'individual'}`);
  if (filters.year) lexemes.push(`y${Math.trunc(filters.year)}`);
  if (filters.unit) {
    const [unit] = await queryRows<{ id: number }>(db, sql`SELECT id FROM units WHERE slug = ${filters.unit}`, { prepared: true });
    if (!unit) return null;
    lexemes.push(`u${unit.id}`);
  }
  return lexemes.join(' & ');
}

/**
 * Published, unrevoked awards matching `query` and the filters, best first, one page of them. Ranked by
 * where the words were found (MatchTier: a name before an achievement, the words in the order typed before
 * scattered ones), then — when the query has diacritics — exact-diacritic matches first, then names that
 * begin with the words, then the fewest other words, then newer decisions and the roll's order.
 */
export async function searchAwards(db: Db, query: string, filters: SearchFilters = {}, page = 1, pageSize = SEARCH_PAGE_SIZE, maxCandidates = MAX_CANDIDATES): Promise<SearchResult> {
  const pg = isPostgresDb(db);
  const terms = queryTerms(query);
  const empty: SearchResult = { total: 0, page: 1, pageSize, pages: 0, hits: [] };
  if (terms.length === 0) return empty;
  const marked = markedWords(query);
  const conditions = [sql`r.status = 'published'`, sql`a.revoked_at IS NULL`];
  if (filters.round) conditions.push(sql`r.slug = ${filters.round}`);
  if (filters.year) conditions.push(sql`substr(r.decision_date, 1, 4) = ${String(filters.year)}`);
  if (filters.kind) conditions.push(sql`a.nominee_kind = ${filters.kind}`);
  if (filters.unit) {
    conditions.push(sql`a.unit_id IN (SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE slug = ${filters.unit}) || '%')`);
  }
  const filtered = conditions.length > 2;
  const where = sql.join(conditions, sql` AND `);
  // PostgreSQL, a kind, year or unit filter and no round: the filters as lexemes of the index (facetsQuery).
  const facets = pg && filtered && !filters.round ? await facetsQuery(db, filters) : undefined;
  if (facets === null) return empty;
  // The achievement's words are only read when the query has marks to compare.
  const marks = marked.length ? sql`a.name || ' ' || a.unit_name || ' ' || coalesce(a.position, '') || ' ' || a.summary` : sql`NULL`;
  const sk = pg ? sql`s.award_id` : sql`s.rowid`;
  const columns = sql`${sk} AS id, s.name AS folded, a.name AS name, ${marks} AS text, r.decision_date AS date, a.nominee_kind AS kind, a.ordinal AS ordinal`;
  const matches = (index: 'names' | 'all', expr: string): SQL =>
    pg
      ? index === 'names'
        ? sql`s.words @@ to_tsquery('simple', ${toTsQuery(expr, true)})`
        : sql`s.document @@ to_tsquery('simple', ${toTsQuery(expr, false)})`
      : index === 'names'
        ? sql`award_name_search MATCH ${expr}`
        : sql`award_search MATCH ${expr}`;
  // A names pass without filters reads its candidates from the name index alone: it holds exactly the public
  // awards (published, unrevoked: indexed at publication, taken out at a revocation or an archiving) and what the
  // ranking reads — no lookup of each candidate's award and round (about half a search at a nation's scale). A
  // name's tier is 0 or 1, so the achievement's text (for a query's diacritics beyond the name) is never needed.
  const nameColumns = sql`${sk} AS id, s.name AS folded, s.display_name AS name, NULL AS text, s.decision_date AS date, s.kind AS kind, s.ordinal AS ordinal, NULL AS other`;
  // The candidates' rows of the newest `limit` names holding every one of `words` (PostgreSQL, newestWithWords), newest
  // first. One word's statement is the same whatever the word (one range of the B-tree, read backwards to the limit):
  // prepared; several words' plan depends on how common each is.
  const namesOf = (words: string[], limit: number): Promise<Row[]> =>
    queryRows<Row>(db, sql`SELECT ${nameColumns} FROM award_name_search s WHERE s.award_id IN (${newestWithWords(words, limit)}) ORDER BY s.award_id DESC`, {
      prepared: new Set(words).size === 1,
    });
  // PostgreSQL, achievements without filters (the index holds exactly the public awards): the newest matches are
  // chosen on the index alone, then only they are joined. Its planner weighs walking the newest awards against the
  // GIN index by how many the words match (the estimate from the index's statistics, close on the nation bench):
  // three common words ("nguyen van an": 21,821 matches) took 0.33 s when every match was joined before the limit,
  // 9–15 ms walked; rare words keep the GIN index.
  const newestMatches = (expr: string, limit: number): SQL =>
    sql`(SELECT * FROM award_search s WHERE ${matches('all', expr)} ORDER BY s.award_id DESC LIMIT ${limit}) s`;
  // PostgreSQL, a pass with a filter's lexemes (`facets`): one GIN index of each table holds its words and the
  // filters (db/migrations-pg 0009). First the newest FACETS_WINDOW rows are walked testing both on the index alone:
  // common words and a broad filter (a kind) fill the limit there ("nguyen van an", individuals: ~14,000 rows walked).
  // When they hold too few, the index gives every award having both: few when the filter is narrow (a year, a unit)
  // or the words rare, and otherwise at most about limit × (index size ÷ window), as the window's density says. No
  // match is joined to its award and round before it is among the newest `limit` (the names never are: their index
  // holds what the ranking reads) — every match of the words was, and the filter tested after: 0.3–1.2 s for common
  // words at a nation's scale.
  const filteredMatches = async (index: 'names' | 'all', expr: string, limit: number): Promise<Row[]> => {
    const both = sql`${matches(index, expr)} AND s.facets @@ to_tsquery('simple', ${facets})`;
    const table = sql.raw(index === 'names' ? 'award_name_search' : 'award_search');
    const newest = (source: SQL, test: SQL) =>
      queryRows<Row>(
        db,
        index === 'names'
          ? sql`SELECT ${nameColumns} FROM ${source} WHERE ${test} ORDER BY s.award_id DESC LIMIT ${limit}`
          : sql`SELECT ${columns}, s.unit || ' | ' || s.position || ' | ' || s.summary AS other
              FROM ${source} JOIN awards a ON a.id = s.award_id JOIN rounds r ON r.id = a.round_id
              WHERE ${test} AND r.status = 'published' AND a.revoked_at IS NULL ORDER BY s.award_id DESC LIMIT ${limit}`,
      );
    const walked = await newest(sql`(SELECT * FROM ${table} ORDER BY award_id DESC LIMIT ${FACETS_WINDOW[index]}) s`, both);
    // The index's matches, fenced from a walk (OFFSET 0), sorted and cut to the limit before any join. Not tested
    // again outside: the planner would count the test twice and expect one row (a loop over the rounds per row).
    return walked.length >= limit
      ? walked
      : newest(sql`(SELECT * FROM (SELECT * FROM ${table} s WHERE ${both} OFFSET 0) s ORDER BY s.award_id DESC LIMIT ${limit}) s`, sql`TRUE`);
  };
  const seen = new Map<number, Candidate>();
  let more = false;
  let namesOnly = false;
  for (const { index, expr, prefixLast, when } of searchPasses(terms)) {
    if ((when === 'few' && seen.size >= pageSize) || (when === 'none' && seen.size > 0)) continue;
    if ((when === 'few-names' && seen.size >= NAMES_ENOUGH) || (namesOnly && index === 'all')) {
      more = namesOnly = true;
      continue;
    }
    const room = maxCandidates - seen.size;
    if (room <= 0) continue;
    // Rows found before match again here: ask for enough to fill the room.
    const limit = room + seen.size + 1;
    const table = sql.raw(index === 'names' ? 'award_name_search' : 'award_search');
    // PostgreSQL: with two or more words (rare together, and pairs rarer still) the matches come from the GIN
    // index first — OFFSET 0 keeps the planner from walking the awards' key backwards and testing every row
    // (seconds at a nation's scale); one common word is better served by that walk, which stops at the limit.
    // Except within one round: its awards (a thousand or so) are read first and each tested, where every match of
    // common words ("nguyen van an": 21,821 achievements) was joined to its award before (0.69 s → 0.07 s a search).
    const fenced = pg && expr.split('" "').length > 1 && !filters.round;
    const source = fenced ? sql`(SELECT * FROM ${table} s WHERE ${matches(index, expr)} OFFSET 0) s` : sql`${table} s`;
    // PostgreSQL, whole words in the names, no filter: the newest awards having every word, from the words' B-tree
    // (award_name_words, db/migrations-pg 0006) alone, then those ids' rows of the name index.
    const rows =
      pg && index === 'names' && !prefixLast && !filtered
        ? await namesOf(toTsQuery(expr, true).split(' & '), limit)
        : facets
          ? await filteredMatches(index, expr, limit)
          : index === 'names' && !filtered
          ? await queryRows<Row>(db, sql`SELECT ${nameColumns} FROM ${source} WHERE ${matches(index, expr)} ORDER BY ${sk} DESC LIMIT ${limit}`)
          : await queryRows<Row>(
              db,
              index === 'names'
                ? sql`SELECT ${columns}, NULL AS other FROM ${source} JOIN awards a ON a.id = ${sk} JOIN rounds r ON r.id = a.round_id
                    WHERE ${matches(index, expr)} AND ${where} ORDER BY ${sk} DESC LIMIT ${limit}`
                : sql`SELECT ${columns}, s.unit || ' | ' || s.position || ' | ' || s.summary AS other
                    FROM ${pg && !filtered ? newestMatches(expr, limit) : source} JOIN awards a ON a.id = ${sk} JOIN rounds r ON r.id = a.round_id
                    WHERE ${matches(index, expr)} AND ${where} ORDER BY ${sk} DESC LIMIT ${limit}`,
            );
    let added = 0;
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      const other = row.other;
      if (added >= room) {
        more = true;
        break;
      }
      const tier: MatchTier =
        when === 'none'
          ? 4
          : hasPhrase(row.folded, terms, prefixLast)
            ? 0
            : index === 'names' || hasWords(row.folded, terms, prefixLast)
              ? 1
              : hasPhrase(other ?? '', terms, prefixLast)
                ? 2
                : 3;
      // The row itself becomes the candidate (a copy per row cost more than the ranking).
      const candidate = row as Row & Candidate;
      candidate.tier = tier;
      candidate.score = looseness(tier <= 1 ? row.folded : `${row.folded} ${other ?? ''}`, terms);
      seen.set(row.id, candidate);
      added++;
    }
  }
  const phrase = terms.join(' ');
  const key = (c: Candidate) => ({
    exact: matchesMarks(marked, c.tier <= 1 ? c.name : (c.text ?? '')) ? 0 : 1,
    starts: c.folded.startsWith(phrase) ? 0 : 1,
  });
  const keyed = [...seen.values()].map((c) => ({ c, k: key(c) }));
  const ranked = keyed
    .sort(
      ({ c: x, k: kx }, { c: y, k: ky }) =>
        x.tier - y.tier || kx.exact - ky.exact || kx.starts - ky.starts || x.score - y.score || byCode(y.date ?? '', x.date ?? '') || byCode(x.kind, y.kind) || x.ordinal - y.ordinal,
    )
    .map(({ c }) => c);
  const total = ranked.length;
  if (total === 0) return empty;
  const pages = Math.ceil(total / pageSize);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), Math.max(1, pages));
  const pageIds = ranked.slice((current - 1) * pageSize, current * pageSize).map((c) => c.id);
  const found = await queryRows<{
    awardId: number; id: string; kind: 'collective' | 'individual'; name: string; position: string | null; unit: string; unitSlug: string;
    summary: string; roundSlug: string; roundTitle: string; decisionDate: string | null;
  }>(db, sql`SELECT a.id AS "awardId", a.public_id AS id, a.nominee_kind AS kind, a.name, a.position, a.unit_name AS unit, u.slug AS "unitSlug",
      a.summary, r.slug AS "roundSlug", r.title AS "roundTitle", r.decision_date AS "decisionDate"
    FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id
    WHERE ${pg ? sql`a.id = ANY(${sql.param(pageIds)}::integer[])` : sql`a.id IN (${sql.join(pageIds.map((id) => sql`${id}`), sql`, `)})`}`, { prepared: true });
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
