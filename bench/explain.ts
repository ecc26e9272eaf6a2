// `npm run bench:explain [-- --scale nation]`: EXPLAIN QUERY PLAN and the time of each hot query
// (the SQL lib/ sends, parameters taken from the data) on a bench database, as Markdown for
// bench/README.md. Read-only; figures are printed, never asserted.
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { SCALES, benchDatabaseFile, type Scale } from './scales';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'nation' } } });
const scale = values.scale as Scale;
if (!(scale in SCALES)) throw new Error(`Unknown scale ${values.scale}`);
const db = new Database(benchDatabaseFile(scale), { readonly: true, fileMustExist: true });
const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;

const round = one<{ id: number; slug: string }>("SELECT id, slug FROM rounds WHERE status = 'published' ORDER BY id LIMIT 1 OFFSET 100");
const reviewing = one<{ id: number }>("SELECT id FROM rounds WHERE status = 'reviewing' ORDER BY id LIMIT 1");
const cursor = one<{ id: number }>("SELECT id FROM nominations WHERE status = 'submitted' ORDER BY id DESC LIMIT 1 OFFSET 75000")?.id ?? 1;
const province = one<{ path: string }>('SELECT path FROM units WHERE id = 2').path;
const award = one<{ public_id: string }>('SELECT public_id FROM awards WHERE id = 777777')?.public_id ?? '';
const person = one<{ name_folded: string; unit_id: number }>('SELECT name_folded, unit_id FROM individuals WHERE id = 4242');
const pageIds = (db.prepare("SELECT id FROM nominations WHERE status = 'submitted' AND id < ? ORDER BY id DESC LIMIT 25").all(cursor) as Array<{ id: number }>).map((r) => r.id);
const live = (kind: string) => `(SELECT count(*) FROM awards WHERE awards.revoked_at IS NULL AND awards.round_id = rounds.id AND awards.nominee_kind = '${kind}')`;

const QUERIES: Array<[string, string, unknown[]]> = [
  ['Honour roll: a published round with its live counts (getPublishedRound)', `SELECT id, slug, title, ${live('collective')}, ${live('individual')} FROM rounds WHERE slug = ? AND status = 'published'`, [round.slug]],
  ['Honour roll: its awards in the decision\'s order (listPublishedAwards)', 'SELECT public_id, nominee_kind, ordinal, name, unit_name, position, summary FROM awards WHERE round_id = ? AND revoked_at IS NULL ORDER BY nominee_kind, ordinal', [round.id]],
  ['Public API / home: every published round with live counts (listPublishedRounds, memoised)', `SELECT id, slug, ${live('collective')}, ${live('individual')} FROM rounds WHERE status = 'published' ORDER BY decision_date DESC, id DESC`, []],
  ['Verification page: an award by public id (getPublicAward)', "SELECT a.name, r.title FROM awards a JOIN rounds r ON r.id = a.round_id WHERE a.public_id = ? AND r.status = 'published'", [award]],
  ['Queue: total of a status (listNominations, memoised)', 'SELECT count(*) FROM nominations WHERE status = ?', ['submitted']],
  ['Queue: a deep page by keyset cursor (next/previous links)', 'SELECT id FROM nominations WHERE status = ? AND id < ? ORDER BY id DESC LIMIT 25', ['submitted', cursor]],
  ['Queue: a page by number without cursor (offset on the index only)', 'SELECT id FROM nominations WHERE status = ? ORDER BY id DESC LIMIT 25 OFFSET 75000', ['submitted']],
  ['Queue: round, status and kind', 'SELECT id FROM nominations WHERE round_id = ? AND status = ? AND nominee_kind = ? ORDER BY id DESC LIMIT 25', [reviewing?.id ?? 1, 'submitted', 'individual']],
  ['Queue: a unit\'s subtree (filter, and every officer\'s scope)', 'SELECT id FROM nominations WHERE status = ? AND unit_id IN (SELECT id FROM units WHERE path GLOB ?) ORDER BY id DESC LIMIT 25', ['submitted', `${province}*`]],
  ['Queue: the page\'s 25 rows with names, units, rounds', `SELECT n.id, r.slug, r.title, coalesce(i.full_name, c.name), u.name, n.status FROM nominations n JOIN units u ON u.id = n.unit_id JOIN rounds r ON r.id = n.round_id LEFT JOIN individuals i ON i.id = n.individual_id LEFT JOIN collectives c ON c.id = n.collective_id WHERE n.id IN (${pageIds.join(',')}) ORDER BY n.id DESC`, []],
  ['Staff layout: inbox badges (inboxCounts, memoised)', "SELECT status, count(*) FROM nominations WHERE round_id IN (SELECT id FROM rounds WHERE status IN ('open', 'reviewing')) AND +status IN ('returned', 'submitted', 'checked') GROUP BY status", []],
  ['Queue: units to filter by (listFilterUnits, memoised)', 'SELECT id, name, path FROM units WHERE EXISTS (SELECT 1 FROM nominations WHERE nominations.unit_id = units.id) ORDER BY path', []],
  ['Import: an existing person of that name in that unit', 'SELECT id FROM individuals WHERE name_folded = ? AND unit_id = ?', [person.name_folded, person.unit_id]],
  ['Import: already nominated in the round?', 'SELECT id FROM nominations WHERE round_id = ? AND individual_id = ?', [reviewing?.id ?? 1, 4242]],
  ['Every write: the audit chain\'s last hash (appendAudit)', 'SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1', []],
];

function median(xs: number[]) {
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

const out = [`Scale **${scale}**; time = median of 5 runs of the query alone (better-sqlite3, warm cache).`, ''];
for (const [title, sql, params] of QUERIES) {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ id: number; parent: number; detail: string }>;
  const depth = new Map<number, number>([[0, -1]]);
  const lines = plan.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
  const stmt = db.prepare(sql);
  const times = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    stmt.all(...params);
    return performance.now() - t0;
  });
  out.push(`**${title}** — ${median(times).toFixed(2)} ms`, '', '```', lines.join('\n'), '```', '');
}
console.log(out.join('\n'));
