// `npm run bench:explain [-- --scale nation] [--db postgres://…]`: the plan and the time of each hot query (the SQL
// lib/ sends, parameters taken from the data) on a bench database, as Markdown for bench/README.md and
// bench/results.md. SQLite: EXPLAIN QUERY PLAN, time = median of 5 runs. PostgreSQL (issue 16): EXPLAIN (ANALYZE,
// BUFFERS), time = median of 5 runs of the query alone, plus the search passes of lib/search-index.ts. Read-only;
// figures are printed, never asserted.
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import '@/db/connection-pg'; // count(*) as a number (pg's int8 parser)
import { searchPasses, toTsQuery } from '@/lib/search-index';
import { SCALES, benchDatabaseFile, type Scale } from './scales';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'nation' }, db: { type: 'string' } } });
const scale = values.scale as Scale;
if (!(scale in SCALES)) throw new Error(`Unknown scale ${values.scale}`);
const PG = values.db && /^postgres(ql)?:\/\//.test(values.db) ? values.db : null;

type Engine = {
  one<T>(sql: string, ...p: unknown[]): Promise<T>;
  all<T>(sql: string, ...p: unknown[]): Promise<T[]>;
  plan(sql: string, p: unknown[]): Promise<string[]>;
  close(): Promise<void>;
};

function sqliteEngine(): Engine {
  const db = new Database(benchDatabaseFile(scale), { readonly: true, fileMustExist: true });
  return {
    one: async <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T,
    all: async <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[],
    plan: async (sql, p) => {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as Array<{ id: number; parent: number; detail: string }>;
      const depth = new Map<number, number>([[0, -1]]);
      return rows.map((r) => {
        const d = (depth.get(r.parent) ?? -1) + 1;
        depth.set(r.id, d);
        return `${'  '.repeat(d)}${r.detail}`;
      });
    },
    close: async () => void db.close(),
  };
}

async function pgEngine(url: string): Promise<Engine> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dollar = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const all = async <T>(sql: string, ...p: unknown[]) => (await client.query(dollar(sql), p)).rows as T[];
  return {
    all,
    one: async <T>(sql: string, ...p: unknown[]) => (await all<T>(sql, ...p))[0],
    plan: async (sql, p) => (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${dollar(sql)}`, p)).rows.map((r) => r['QUERY PLAN']),
    close: () => client.end(),
  };
}

async function main() {
const db = PG ? await pgEngine(PG) : sqliteEngine();
const one = db.one;

const published = await db.all<{ id: number; slug: string }>("SELECT id, slug FROM rounds WHERE status = 'published' ORDER BY id");
const round = published[Math.min(100, Math.floor(published.length / 2))];
const reviewing = await one<{ id: number }>("SELECT id FROM rounds WHERE status = 'reviewing' ORDER BY id LIMIT 1");
const submitted = (await one<{ n: number }>("SELECT count(*) AS n FROM nominations WHERE status = 'submitted'")).n;
const deep = Math.min(75000, Math.floor(submitted * 0.8));
const cursor = (await one<{ id: number }>("SELECT id FROM nominations WHERE status = 'submitted' ORDER BY id DESC LIMIT 1 OFFSET ?", deep))?.id ?? 1;
const province = (await one<{ path: string }>('SELECT path FROM units WHERE id = 2')).path;
const provinceEnd = province.slice(0, -1) + String.fromCharCode(province.charCodeAt(province.length - 1) + 1);
const award = (await one<{ public_id: string }>('SELECT public_id FROM awards WHERE id = 777777'))?.public_id ?? '';
const person = await one<{ name_folded: string; unit_id: number }>('SELECT name_folded, unit_id FROM individuals WHERE id = 4242');
const pageIds = (await db.all<{ id: number }>("SELECT id FROM nominations WHERE status = 'submitted' AND id < ? ORDER BY id DESC LIMIT 25", cursor)).map((r) => r.id);
const common = (await one<{ f: string }>('SELECT name_folded AS f FROM individuals WHERE id = 1')).f;
const rootPath = (await one<{ path: string }>('SELECT path FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1')).path;
const rootEnd = rootPath.slice(0, -1) + String.fromCharCode(rootPath.charCodeAt(rootPath.length - 1) + 1);
const scoped = 'SELECT id FROM rounds WHERE unit_id IN (SELECT id FROM units WHERE path >= ? AND path < ?)';
const live = (kind: string) => `(SELECT count(*) FROM awards WHERE awards.revoked_at IS NULL AND awards.round_id = rounds.id AND awards.nominee_kind = '${kind}')`;
const QUERIES: Array<[string, string, unknown[]]> = [
  ['Honour roll: a published round with its live counts (getPublishedRound)', `SELECT id, slug, title, ${live('collective')}, ${live('individual')} FROM rounds WHERE slug = ? AND status = 'published'`, [round.slug]],
  ['Honour roll: its awards in the decision\'s order (listPublishedAwards)', 'SELECT public_id, nominee_kind, ordinal, name, unit_name, position, summary FROM awards WHERE round_id = ? AND revoked_at IS NULL ORDER BY nominee_kind, ordinal', [round.id]],
  ['Public API / home: every published round with live counts (listPublishedRounds, memoised)', `SELECT id, slug, ${live('collective')}, ${live('individual')} FROM rounds WHERE status = 'published' ORDER BY decision_date DESC, id DESC`, []],
  ['Verification page: an award by public id (getPublicAward)', "SELECT a.name, r.title FROM awards a JOIN rounds r ON r.id = a.round_id WHERE a.public_id = ? AND r.status = 'published'", [award]],
  ['Queue: total of a status (listNominations, memoised)', 'SELECT count(*) FROM nominations WHERE status = ?', ['submitted']],
  // What the reviewer's queue sends (issue 16 bench, from PostgreSQL's log): the scope of a reviewer of the root unit
  // is every round run under it, a sub-select, on every query of the page.
  ['Queue, reviewer\'s scope: page 1 of ?status=submitted', `SELECT id FROM nominations WHERE round_id IN (${scoped}) AND status = ? ORDER BY id DESC LIMIT 25`, [rootPath, rootEnd, 'submitted']],
  ['Queue, reviewer\'s scope: the last page by number (no cursor)', `SELECT id FROM nominations WHERE round_id IN (${scoped}) AND status = ? ORDER BY id DESC LIMIT 25 OFFSET ?`, [rootPath, rootEnd, 'submitted', Math.max(0, submitted - 25)]],
  ['Queue, reviewer\'s scope: a deep page by keyset cursor', `SELECT id FROM nominations WHERE round_id IN (${scoped}) AND status = ? AND id < ? ORDER BY id DESC LIMIT 25`, [rootPath, rootEnd, 'submitted', cursor]],
  ['Queue, reviewer\'s scope: total (memoised)', `SELECT count(*) FROM nominations WHERE round_id IN (${scoped}) AND status = ?`, [rootPath, rootEnd, 'submitted']],
  ['Queue: a deep page by keyset cursor (next/previous links)', 'SELECT id FROM nominations WHERE status = ? AND id < ? ORDER BY id DESC LIMIT 25', ['submitted', cursor]],
  ['Queue: a page by number without cursor (offset on the index only)', 'SELECT id FROM nominations WHERE status = ? ORDER BY id DESC LIMIT 25 OFFSET ?', ['submitted', deep]],
  ['Queue: round, status and kind', 'SELECT id FROM nominations WHERE round_id = ? AND status = ? AND nominee_kind = ? ORDER BY id DESC LIMIT 25', [reviewing?.id ?? 1, 'submitted', 'individual']],
  ['Queue: a unit\'s subtree (filter, and every officer\'s scope)', 'SELECT id FROM nominations WHERE status = ? AND unit_id IN (SELECT id FROM units WHERE path >= ? AND path < ?) ORDER BY id DESC LIMIT 25', ['submitted', province, provinceEnd]],
  ['Queue: the page\'s 25 rows with names, units, rounds', `SELECT n.id, r.slug, r.title, coalesce(i.full_name, c.name), u.name, n.status FROM nominations n JOIN units u ON u.id = n.unit_id JOIN rounds r ON r.id = n.round_id LEFT JOIN individuals i ON i.id = n.individual_id LEFT JOIN collectives c ON c.id = n.collective_id WHERE n.id IN (${pageIds.join(',')}) ORDER BY n.id DESC`, []],
  ['Staff layout: inbox badges (inboxCounts, memoised)', "SELECT status, count(*) FROM nominations WHERE round_id IN (SELECT id FROM rounds WHERE status IN ('open', 'reviewing')) AND (status || '') IN ('returned', 'submitted') GROUP BY status", []],
  ['Unit page: awards per unit of a province\'s subtree (getPublicUnit)', "SELECT u.path, count(*) FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id WHERE r.status = 'published' AND a.revoked_at IS NULL AND u.path >= ? AND u.path < ? GROUP BY u.id", [province, provinceEnd]],
  ['Queue: units to filter by (listFilterUnits, memoised)', 'SELECT id, name, path FROM units WHERE EXISTS (SELECT 1 FROM nominations WHERE nominations.unit_id = units.id) ORDER BY path', []],
  ['Import: an existing person of that name in that unit', 'SELECT id FROM individuals WHERE name_folded = ? AND unit_id = ?', [person.name_folded, person.unit_id]],
  ['Import: already nominated in the round?', 'SELECT id FROM nominations WHERE round_id = ? AND individual_id = ?', [reviewing?.id ?? 1, 4242]],
  ['Every write: the audit chain\'s last hash (appendAudit)', 'SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1', []],
];

// The search passes of lib/search-index.ts (PostgreSQL: the names' words B-tree for whole words, else the tsvector
// tables) for a common name's first two words.
if (PG) {
  const terms = common.split(' ').slice(0, 2);
  const cols = "s.award_id AS id, s.name AS folded, a.name AS name, NULL AS text, r.decision_date AS date, a.nominee_kind AS kind, a.ordinal AS ordinal";
  const nameCols = 's.award_id AS id, s.name AS folded, s.display_name AS name, NULL AS text, s.decision_date AS date, s.kind, s.ordinal';
  for (const pass of searchPasses(terms).slice(0, 3)) {
    const names = pass.index === 'names';
    if (names && !pass.prefixLast) {
      // Whole words in the names (no filter): the newest ids from the words' B-tree (award_name_words), then those rows.
      const words = [...new Set(toTsQuery(pass.expr, true).split(' & '))];
      const also = words.slice(1).map(() => ' AND EXISTS (SELECT 1 FROM award_name_words w WHERE w.word = ? AND w.award_id = w0.award_id)').join('');
      const ids = `SELECT w0.award_id FROM award_name_words w0 WHERE w0.word = ?${also} ORDER BY w0.award_id DESC LIMIT 201`;
      QUERIES.push([`Search “${terms.join(' ')}”: ${pass.index} pass ${pass.expr} (${pass.when}), ids from award_name_words`, ids, words]);
      // The name index carries what the ranking reads (migration 0007): no award or round row per candidate.
      QUERIES.push([
        `Search “${terms.join(' ')}”: ${pass.index} pass ${pass.expr}, the name index's rows of those ids`,
        `SELECT ${nameCols} FROM award_name_search s WHERE s.award_id IN (${ids}) ORDER BY s.award_id DESC`,
        words,
      ]);
      continue;
    }
    const match = names ? "s.words @@ to_tsquery('simple', ?)" : "s.document @@ to_tsquery('simple', ?)";
    QUERIES.push([
      `Search “${terms.join(' ')}”: ${pass.index} pass ${pass.expr} (${pass.when})`,
      names
        ? `SELECT ${nameCols} FROM award_name_search s WHERE ${match} ORDER BY s.award_id DESC LIMIT 201`
        : `SELECT ${cols} FROM award_search s JOIN awards a ON a.id = s.award_id JOIN rounds r ON r.id = a.round_id WHERE ${match} AND r.status = 'published' AND a.revoked_at IS NULL ORDER BY s.award_id DESC LIMIT 201`,
      [toTsQuery(pass.expr, names)],
    ]);
  }
}

function median(xs: number[]) {
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

const how = PG ? 'EXPLAIN (ANALYZE, BUFFERS), node-postgres' : 'EXPLAIN QUERY PLAN, better-sqlite3';
const out = [`Scale **${scale}** (${PG ? 'PostgreSQL' : 'SQLite'}); ${how}; time = median of 5 runs of the query alone, warm cache.`, ''];
for (const [title, sql, params] of QUERIES) {
  const lines = await db.plan(sql, params);
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    await db.all(sql, ...params);
    times.push(performance.now() - t0);
  }
  out.push(`**${title}** — ${median(times).toFixed(2)} ms`, '', '```', lines.join('\n'), '```', '');
}
await db.close();
console.log(out.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
