// `npx tsx bench/to-postgres.ts --scale nation --db postgres://…` (or `npm run bench:data -- --scale nation --db …`):
// copies a bench SQLite database into a fresh PostgreSQL database, fast (issue 16). The database is created with
// byte collation (tests/pg.ts createDatabaseSql) and migrated (db/migrations-pg); then, table by table in
// foreign-key order, the SQLite rows are streamed (better-sqlite3 .iterate()) as CSV into `psql -c "COPY … FROM
// STDIN"`, under session_replication_role=replica so that no trigger fires (the audit trail's append-only
// triggers, the public_version triggers, the foreign-key checks: the source passed PRAGMA foreign_key_check).
// Timestamps become ISO text from the drizzle column modes of db/schema.ts, booleans t/f. Secondary indexes are
// dropped before the copy and recreated from their own definitions after. The search index is rebuilt from the
// SQLite FTS5 table's columns (award_search) and the names' words (award_name_search, as lib/search-index.ts
// insertName writes them; award_name_words, the words as B-tree rows, is filled by award_name_search's trigger,
// db/migrations-pg 0006). Then identity sequences move past the copied ids, and VACUUM ANALYZE.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { migratePgDatabase, openPgDatabase, syncPgIdentities } from '@/db/connection-pg';
import * as sqliteSchema from '@/db/schema';
import { nameWords } from '@/lib/search-index';
import { createDatabaseSql } from '@/tests/pg';
import { SCALES, benchDatabaseFile, type Scale } from './scales';

type Convert = (v: unknown) => string;

/** The database name of a postgres:// URL, and the same server's maintenance database. */
function splitUrl(url: string): { name: string; admin: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": use lower-case letters, digits and _`);
  u.pathname = '/postgres';
  return { name, admin: u.toString() };
}

const quote = (s: string) => (/[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
const text: Convert = (v) => (v == null ? '' : typeof v === 'string' ? (v === '' ? '""' : quote(v)) : Buffer.isBuffer(v) ? `\\x${v.toString('hex')}` : String(v));

/** Per table and column, how a SQLite value becomes PostgreSQL CSV: the drizzle modes of db/schema.ts. */
function converters(): Map<string, Map<string, Convert>> {
  const out = new Map<string, Map<string, Convert>>();
  for (const t of Object.values(sqliteSchema)) {
    if (!is(t, SQLiteTable)) continue;
    const cfg = getTableConfig(t);
    const cols = new Map<string, Convert>();
    for (const c of cfg.columns) {
      const mode = (c as unknown as { mode?: string }).mode;
      if (c.columnType === 'SQLiteTimestamp') {
        const scale = mode === 'timestamp' ? 1000 : 1;
        cols.set(c.name, (v) => (v == null ? '' : new Date(Number(v) * scale).toISOString()));
      } else if (c.columnType === 'SQLiteBoolean') cols.set(c.name, (v) => (v == null ? '' : v ? 't' : 'f'));
    }
    out.set(cfg.name, cols);
  }
  return out;
}

/** `psql -c "COPY …"` with its stdin: write CSV lines, respecting backpressure; resolves when psql has committed. */
function copyInto(url: string, table: string, columns: string[]) {
  const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`], {
    stdio: ['pipe', 'inherit', 'inherit'],
    env: { ...process.env, PGOPTIONS: '-c session_replication_role=replica -c synchronous_commit=off' },
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`COPY ${table}: psql exited with ${code}`))));
  });
  let buffer: string[] = [];
  let size = 0;
  return {
    async line(s: string) {
      buffer.push(s);
      size += s.length;
      if (size > 1 << 20) {
        const chunk = buffer.join('');
        buffer = [];
        size = 0;
        if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once('drain', r));
      }
    },
    async end() {
      if (buffer.length) child.stdin.write(buffer.join(''));
      child.stdin.end();
      await done;
    },
  };
}

export async function copyToPostgres(file: string, url: string, opts: { replace?: boolean } = {}): Promise<{ seconds: number; rows: number }> {
  const t0 = performance.now();
  const { name, admin } = splitUrl(url);
  const server = new pg.Client({ connectionString: admin });
  await server.connect();
  const exists = (await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
  if (exists && opts.replace) await server.query(`DROP DATABASE ${name} WITH (FORCE)`);
  else if (exists) {
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    const used = (await probe.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' LIMIT 1")).rowCount! > 0;
    await probe.end();
    if (used) throw new Error(`database ${name} already has tables: pass --replace to drop and copy it again`);
  }
  if (!exists || opts.replace) await server.query(createDatabaseSql(name));
  await server.end();

  const db = openPgDatabase(url, { max: 1 });
  const client = db.$client;
  await migratePgDatabase(db);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const sqliteTables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  const search = ['award_search', 'award_name_search', 'award_name_words'];
  const pgTables = (await client.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).rows.map((r) => r.t);
  const tables = pgTables.filter((t) => sqliteTables.has(t) && !search.includes(t));
  // Foreign-key order (parents first); self-references (units.parent_id) do not count.
  const fks = (await client.query<{ child: string; parent: string }>(
    "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid",
  )).rows;
  const ordered: string[] = [];
  const visit = (t: string, stack: Set<string>) => {
    if (ordered.includes(t) || stack.has(t)) return;
    stack.add(t);
    for (const f of fks) if (f.child === t && tables.includes(f.parent)) visit(f.parent, stack);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());

  // Secondary indexes (not those of a primary key or unique constraint): dropped now, rebuilt after the rows.
  const all = [...ordered, ...search];
  const indexes = (await client.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid::regclass::text = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [all],
  )).rows;
  for (const i of indexes) await client.query(`DROP INDEX ${pg.escapeIdentifier(i.name)}`);
  // Rows a migration wrote (settings' public_version, …) give way to the source's.
  await client.query(`SET session_replication_role = replica`);
  for (const t of all) await client.query(`DELETE FROM ${t}`);
  await client.query(`RESET session_replication_role`);

  const conv = converters();
  let total = 0;
  const step = async (label: string, fn: () => Promise<number>) => {
    const s0 = performance.now();
    const n = await fn();
    total += n;
    const s = (performance.now() - s0) / 1000;
    console.log(`  ${label.padEnd(28)} ${n.toLocaleString('en').padStart(10)} rows ${s.toFixed(1).padStart(6)} s ${n ? `${Math.round(n / s).toLocaleString('en')} rows/s` : ''}`);
  };
  for (const t of ordered) {
    await step(t, async () => {
      const pgCols = (await client.query<{ c: string }>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [t],
      )).rows.map((r) => r.c);
      const liteCols = new Set((sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as Array<{ name: string }>).map((r) => r.name));
      const cols = pgCols.filter((c) => liteCols.has(c)); // a PostgreSQL column the older source lacks keeps its default
      const fns = cols.map((c) => conv.get(t)?.get(c) ?? text);
      const out = copyInto(url, t, cols.map((c) => pg.escapeIdentifier(c)));
      let n = 0;
      for (const row of sqlite.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${t}"`).raw(true).iterate() as Iterable<unknown[]>) {
        let line = fns[0](row[0]);
        for (let k = 1; k < row.length; k++) line += ',' + fns[k](row[k]);
        await out.line(line + '\n');
        n++;
      }
      await out.end();
      return n;
    });
  }
  // The search index: the FTS5 table's columns (rowid = award id) and the names' words, through staging tables.
  await client.query('DROP TABLE IF EXISTS bench_name_stage, bench_search_stage');
  await client.query('CREATE UNLOGGED TABLE bench_name_stage (award_id integer, name text, words text)');
  await client.query('CREATE UNLOGGED TABLE bench_search_stage (award_id integer, name text, unit text, position text, summary text)');
  await step('search index (staged)', async () => {
    if (!sqliteTables.has('award_search')) return 0;
    const docs = copyInto(url, 'bench_search_stage', ['award_id', 'name', 'unit', 'position', 'summary']);
    const names = copyInto(url, 'bench_name_stage', ['award_id', 'name', 'words']);
    let n = 0;
    for (const [id, nm, unit, position, summary] of sqlite.prepare('SELECT rowid, name, unit, position, summary FROM award_search').raw(true).iterate() as Iterable<[number, string, string, string, string]>) {
      await docs.line(`${id},${text(nm)},${text(unit)},${text(position)},${text(summary)}\n`);
      await names.line(`${id},${text(nm)},${text(nameWords(nm).replaceAll('_', '0'))}\n`);
      n++;
    }
    await Promise.all([docs.end(), names.end()]);
    return n;
  });
  await step('award_search', async () => {
    // With the filters' lexemes (db/migrations-pg 0009), in the awards' order (a filtered search walks the newest).
    const r = await client.query(`INSERT INTO award_search (award_id, name, unit, position, summary, facets)
      SELECT st.award_id, st.name, st.unit, st.position, st.summary, award_search_facets(a.nominee_kind, r.decision_date, u.path)
      FROM bench_search_stage st JOIN awards a ON a.id = st.award_id JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id
      ORDER BY st.award_id`);
    await client.query('DROP TABLE bench_search_stage');
    return r.rowCount ?? 0;
  });
  await step('award_name_search', async () => {
    // With what the ranking reads (db/migrations-pg 0007) and the filters' lexemes (0009), from the awards copied above.
    const r = await client.query(`INSERT INTO award_name_search (award_id, name, words, display_name, decision_date, kind, ordinal, facets)
      SELECT st.award_id, st.name, to_tsvector('simple', st.words), a.name, r.decision_date, a.nominee_kind, a.ordinal, award_search_facets(a.nominee_kind, r.decision_date, u.path)
      FROM bench_name_stage st JOIN awards a ON a.id = st.award_id JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id
      ORDER BY st.award_id`);
    await client.query('DROP TABLE bench_name_stage');
    return r.rowCount ?? 0;
  });
  sqlite.close();

  const s1 = performance.now();
  await client.query("SET maintenance_work_mem = '1GB'");
  for (const i of indexes) await client.query(i.def);
  console.log(`  ${`indexes (${indexes.length})`.padEnd(28)} ${''.padStart(15)} ${((performance.now() - s1) / 1000).toFixed(1).padStart(6)} s`);
  await syncPgIdentities(db);
  const s2 = performance.now();
  await client.query('VACUUM (ANALYZE)');
  console.log(`  ${'vacuum, analyze'.padEnd(28)} ${''.padStart(15)} ${((performance.now() - s2) / 1000).toFixed(1).padStart(6)} s`);
  await client.end();
  return { seconds: (performance.now() - t0) / 1000, rows: total };
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'nation' }, file: { type: 'string' }, db: { type: 'string' }, replace: { type: 'boolean', default: false } } });
  if (!values.db || !/^postgres(ql)?:\/\//.test(values.db)) throw new Error('--db postgres://… is required');
  if (!values.file && !(values.scale! in SCALES)) throw new Error(`Unknown scale "${values.scale}"`);
  const file = path.resolve(values.file ?? benchDatabaseFile(values.scale as Scale));
  console.log(`Copying ${path.relative(process.cwd(), file)} → ${values.db.replace(/\/\/[^@/]*@/, '//…@')}`);
  const { seconds, rows } = await copyToPostgres(file, values.db, { replace: values.replace });
  console.log(`✓ ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s overall)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
