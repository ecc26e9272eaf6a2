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

async function insertRows(db: Db, where: ReturnType<typeof and>): Promise<void> {
  const rows = await db
    .select({ id: awards.id, name: awards.name, unit: awards.unitName, position: awards.position, summary: awards.summary })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(and(eq(rounds.status, 'published'), isNull(awards.revokedAt), where));
  for (const r of rows) {
    db.run(sql`DELETE FROM award_search WHERE rowid = ${r.id}`);
    db.run(
      sql`INSERT INTO award_search (rowid, name, unit, position, summary) VALUES (${r.id}, ${fold(r.name)}, ${fold(r.unit)}, ${fold(r.position ?? '')}, ${fold(r.summary)})`,
    );
  }
}

/** Indexes the unrevoked awards of a round once it is published (call inside the publishing transaction). */
export async function indexRoundAwards(db: Db, roundId: number): Promise<void> {
  await insertRows(db, eq(awards.roundId, roundId));
}

/** Takes an award out of the index (call inside the revoking transaction). */
export function unindexAward(db: Db, awardId: number): void {
  db.run(sql`DELETE FROM award_search WHERE rowid = ${awardId}`);
}

/** Rebuilds the whole index from the awards of published rounds (seed, scripts, existing databases). */
export async function rebuildSearchIndex(db: Db): Promise<void> {
  db.run(sql`DELETE FROM award_search`);
  await insertRows(db, undefined);
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

/** `more`: the words match more awards than MAX_CANDIDATES; only the best-placed of them are ranked and counted. */
export type SearchResult = { total: number; more?: boolean; page: number; pageSize: number; pages: number; hits: SearchHit[] };

/**
 * How many matching awards are ranked at most. A broad prefix ("ng") matches a good part of a nation's
 * 1.5 million awards; ranking them all would take seconds. Candidates are gathered tier by tier (see
 * `searchAwards`), each tier newest first — FTS5 walks its index in rowid order and stops — so a name match
 * is never crowded out by newer matches in achievements.
 */
export const MAX_CANDIDATES = 1000;

export const SEARCH_PAGE_SIZE = 20;

/**
 * Where the words were found, best first: 0 the words in the order typed in the name, 1 all words in the
 * name, 2 the words in the order typed in the unit, position or achievement, 3 the words anywhere, 4 the
 * words anywhere as beginnings of words (only when nothing else matched: "nguy va du").
 */
export type MatchTier = 0 | 1 | 2 | 3 | 4;

/**
 * The FTS5 expressions to run, in order, for the folded terms. Whole words first: FTS5 reads a whole
 * word's postings lazily, newest first, and stops at the limit, while a prefix merges the postings of
 * every word it begins ("phuong"* reads every "Phường" of a nation's units). So the last word is taken
 * as a beginning ("nguyen van b") only when the whole words found less than a page (`when: 'few'`), and
 * every word as a beginning ("nguy va du", tier 4) only when nothing matched (`when: 'none'`).
 */
export function tierExpressions(terms: string[]): Array<{ tier: MatchTier; expr: string; when: 'always' | 'few' | 'none' }> {
  const last = terms.length - 1;
  const quoted = (prefixLast: boolean) => terms.map((t, i) => (prefixLast && i === last ? `"${t}"*` : `"${t}"`)).join(' ');
  const phrase = (prefixLast: boolean) => `"${terms.join(' ')}"${prefixLast ? '*' : ''}`;
  const pass = (prefixLast: boolean, when: 'always' | 'few') =>
    terms.length === 1
      ? [
          { tier: 0 as const, expr: `{name} : ${quoted(prefixLast)}`, when },
          { tier: 2 as const, expr: `{unit position summary} : ${quoted(prefixLast)}`, when },
          { tier: 3 as const, expr: quoted(prefixLast), when },
        ]
      : [
          { tier: 0 as const, expr: `{name} : ${phrase(prefixLast)}`, when },
          { tier: 1 as const, expr: `{name} : (${quoted(prefixLast)})`, when },
          { tier: 2 as const, expr: `{unit position summary} : ${phrase(prefixLast)}`, when },
          { tier: 3 as const, expr: quoted(prefixLast), when },
        ];
  const fallback = terms.length > 1 ? [{ tier: 4 as const, expr: terms.map((t) => `"${t}"*`).join(' '), when: 'none' as const }] : [];
  return [...pass(false, 'always'), ...pass(true, 'few'), ...fallback];
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

type Candidate = { id: number; tier: MatchTier; score: number; name: string; text: string | null; date: string | null; kind: string; ordinal: number };

/**
 * Published, unrevoked awards matching `query` and the filters, best first, one page of them. Ranked by
 * where the words were found (MatchTier: a name before an achievement, the words in the order typed before
 * scattered ones), then — when the query has diacritics — exact-diacritic matches first, then names that
 * begin with the words, then bm25 (name weighs most), then newer decisions and the roll's order.
 */
export function searchAwards(db: Db, query: string, filters: SearchFilters = {}, page = 1, pageSize = SEARCH_PAGE_SIZE, maxCandidates = MAX_CANDIDATES): SearchResult {
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
  const where = sql.join(conditions, sql` AND `);
  // The achievement's words are only read when the query has marks to compare.
  const text = marked.length ? sql`a.name || ' ' || a.unit_name || ' ' || coalesce(a.position, '') || ' ' || a.summary` : sql`NULL`;
  const seen = new Map<number, Candidate>();
  let more = false;
  for (const { tier, expr, when } of tierExpressions(terms)) {
    const room = maxCandidates - seen.size;
    if (room <= 0 || (when === 'few' && seen.size >= pageSize) || (when === 'none' && seen.size > 0)) continue;
    // Later expressions match earlier ones' rows again (tier 3 matches all of them): ask for enough to fill the room.
    const limit = room + seen.size + 1;
    const rows = db.all<Omit<Candidate, 'tier'>>(sql`
      SELECT award_search.rowid AS id, bm25(award_search, 10.0, 4.0, 2.0, 1.0) AS score, a.name AS name, ${text} AS text,
        r.decision_date AS date, a.nominee_kind AS kind, a.ordinal AS ordinal
      FROM award_search JOIN awards a ON a.id = award_search.rowid JOIN rounds r ON r.id = a.round_id
      WHERE award_search MATCH ${expr} AND ${where} ORDER BY award_search.rowid DESC LIMIT ${limit}`);
    let added = 0;
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      if (added === room) {
        more = true;
        break;
      }
      seen.set(row.id, { ...row, tier });
      added++;
    }
  }
  const phrase = terms.join(' ');
  const key = (c: Candidate) => ({
    exact: matchesMarks(marked, c.tier <= 1 ? c.name : (c.text ?? '')) ? 0 : 1,
    starts: fold(c.name).startsWith(phrase) ? 0 : 1,
  });
  const keyed = [...seen.values()].map((c) => ({ c, k: key(c) }));
  const ranked = keyed
    .sort(
      ({ c: x, k: kx }, { c: y, k: ky }) =>
        x.tier - y.tier || kx.exact - ky.exact || kx.starts - ky.starts || x.score - y.score || (y.date ?? '').localeCompare(x.date ?? '') || x.kind.localeCompare(y.kind) || x.ordinal - y.ordinal,
    )
    .map(({ c }) => c);
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
