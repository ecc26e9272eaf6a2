// `npm run bench:search [-- --scale nation --queries 2000 --duration 10 --connections 16 --port 3207]`: the public
// search under a realistic mix of name queries (issue 15): for a random sample of awarded individuals, their
// folded full name and their last two words. Times every query of the mix in-process (lib/search-index.ts
// alone), then loads /api/public/search with the whole mix through the production server (scripts/serve.mjs, its search workers), then the worst query alone.
// Writes bench/search-results.md. Prints figures and asserts nothing. `--db postgres://…` (issue 16): the same on a
// PostgreSQL bench database (npm run bench:data -- --db …), read-only, served by one production server on it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { closeDatabase, migrateAppDatabase, openAppDatabase, withTransaction } from '@/db/connection';
import { rows as queryRows } from '@/db/query';
import { nameIndexMissing, rebuildNameIndex, searchAwards } from '@/lib/search-index';
import { fold } from '@/lib/text';
import { buildIsStale, runNext, waitForExit, waitForHealth } from '@/scripts/lib';
import { chooseLoader, describeLoader, load } from './load';
import { SCALES, benchDatabaseFile, type Scale } from './scales';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'nation' },
    queries: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: process.env.BENCH_PORT || '3207' },
    /** Only the in-process timings (no build, no server). */
    'in-process': { type: 'boolean', default: false },
    /** A PostgreSQL bench database (postgres://…) instead of the scale's SQLite file. */
    db: { type: 'string' },
    /** The load generator: wrk (the default when installed) or autocannon (bench/load.ts). */
    loader: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
const LOADER = chooseLoader(args.loader, fail);

/** A small deterministic PRNG (mulberry32): the same sample on every run of the same database. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 1 });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const scale = args.scale as Scale;
  if (!(scale in SCALES)) fail(`Unknown scale "${args.scale}": use district, city or nation.`);
  const file = benchDatabaseFile(scale);
  const PG = args.db && /^postgres(ql)?:\/\//.test(args.db) ? args.db : null;
  if (args.db && !PG) fail('--db takes a postgres:// URL');
  const databaseUrl = PG ?? `file:${file}`;
  if (!PG && !fs.existsSync(file)) fail(`No ${scale} database. Generate it first:\n  npm run bench:data -- --scale ${scale}`);
  const port = args.port!;
  const base = `http://127.0.0.1:${port}`;
  const connections = Number(args.connections);
  const duration = Number(args.duration);

  // The mix: awarded individuals of published rounds, drawn at random by award id.
  const db = openAppDatabase(databaseUrl);
  await migrateAppDatabase(db); // additive migrations only (a newer schema than the generated file's)
  if (await nameIndexMissing(db)) await withTransaction(db, (tx) => rebuildNameIndex(tx)); // as `npm start` does
  const maxId = (await queryRows<{ n: number }>(db, sql`SELECT max(id) AS n FROM awards`))[0].n;
  const pick = {
    get: async (id: number) =>
      (await queryRows<{ name: string }>(db, sql`SELECT a.name FROM awards a JOIN rounds r ON r.id = a.round_id
       WHERE a.id >= ${id} AND a.nominee_kind = 'individual' AND r.status = 'published' AND a.revoked_at IS NULL ORDER BY a.id LIMIT 1`))[0],
  };
  const random = rng(15);
  const names = new Set<string>();
  for (let tries = 0; names.size < Number(args.queries) / 2 && tries < Number(args.queries) * 20; tries++) {
    const row = await pick.get(1 + Math.floor(random() * maxId));
    if (row) names.add(fold(row.name));
  }
  const queries: string[] = [];
  for (const n of names) queries.push(n, n.split(' ').slice(-2).join(' '));
  console.log(`… ${queries.length} queries (${names.size} names: full name and last two words) over the ${scale} database (${PG ? 'PostgreSQL' : 'SQLite'})`);

  // 1. Each query once, in-process: the cost of lib/search-index.ts alone, and the worst queries.
  for (const q of queries.slice(0, 50)) await searchAwards(db, q); // warm the page cache
  const timed: Array<{ q: string; ms: number; total: number; more: boolean; firstIsName: boolean }> = [];
  for (const q of queries) {
    const t0 = performance.now();
    const r = await searchAwards(db, q);
    timed.push({ q, ms: performance.now() - t0, total: r.total, more: !!r.more, firstIsName: r.hits[0] ? fold(r.hits[0].name).includes(q) : false });
  }
  const sorted = timed.map((t) => t.ms).sort((a, b) => a - b);
  const worst = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 10);
  const found = timed.filter((t) => t.firstIsName).length;
  console.log(`  in-process: p50 ${percentile(sorted, 50).toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; first hit names the query: ${found}/${timed.length}`);
  await closeDatabase(db);
  if (args['in-process']) {
    writeReport([
      `- mode: in-process only (\`--in-process\`); load average at the start ${os.loadavg()[0].toFixed(1)}`,
      `| in-process, each query once (lib/search-index.ts) | | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 90))} | ${fmt(percentile(sorted, 99))} | ${fmt(sorted[sorted.length - 1])} | |`,
    ]);
    process.exit(0);
  }

  // 2. Over HTTP: the whole mix, then the worst query alone.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-bench-search-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    UPLOADS_DIR: path.join(work, 'uploads'),
    PORT: port,
  };
  if (buildIsStale()) {
    console.log('… Building the application (next build)');
    const code = await waitForExit(runNext(['build'], env));
    if (code !== 0) process.exit(code);
  }
  const logFile = fs.openSync(path.join(work, 'server.log'), 'w');
  // The production server (`npm start`'s): its search workers answer /api/public/search (lib/search-front.mjs).
  const server = spawn(process.execPath, [path.join('scripts', 'serve.mjs')], { env, stdio: ['ignore', logFile, logFile] });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  if (!(await waitForHealth(`${base}/api/health`, 120_000))) fail(`The server did not answer; see ${path.join(work, 'server.log')}`);
  const paths = queries.map((q) => `/api/public/search?q=${encodeURIComponent(q)}`);
  // Each connection walks the list from its own offset, so the 16 do not ask the same query at once.
  const shuffled = [...paths].sort(() => random() - 0.5);
  // A freshly started server's first seconds are slower (the threads' code not yet optimised, their page caches
  // empty): ~440 req/s, p99 ~190 ms at nation scale over the first 2 s. The mix is measured after 5 s of it,
  // as a server running for days serves it; no answer is cached, so every search of the mix does its full work.
  await load(LOADER, base, shuffled, Number(args.warmup), connections);
  const mix = await load(LOADER, base, shuffled, duration, connections);
  console.log(`  HTTP mix: ${mix.requests.average.toFixed(0)} req/s, p50 ${mix.latency.p50} ms, p99 ${mix.latency.p99} ms, max ${mix.latency.max} ms, ${mix.non2xx + mix.errors} errors/non-2xx`);
  const worstPath = `/api/public/search?q=${encodeURIComponent(worst[0].q)}`;
  const alone = await load(LOADER, base, [worstPath], duration, connections);
  console.log(`  HTTP worst query alone (“${worst[0].q}”): ${alone.requests.average.toFixed(0)} req/s, p50 ${alone.latency.p50} ms, p99 ${alone.latency.p99} ms`);
  stop();
  await waitForExit(server);
  fs.rmSync(work, { recursive: true, force: true });

  writeReport([
    `- load: ${describeLoader(LOADER)}, ${connections} connections, ${duration} s after a ${args.warmup} s warm-up; \`scripts/serve.mjs\` (search on its worker threads), \`/api/public/search?q=…\``,
    `| in-process, each query once (lib/search-index.ts) | | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 90))} | ${fmt(percentile(sorted, 99))} | ${fmt(sorted[sorted.length - 1])} | |`,
    `| HTTP, the whole mix | ${fmt(mix.requests.average)} | ${mix.latency.p50} | ${mix.latency.p90} | ${mix.latency.p99} | ${mix.latency.max} | ${mix.non2xx + mix.errors} |`,
    `| HTTP, the worst query alone (“${worst[0].q}”) | ${fmt(alone.requests.average)} | ${alone.latency.p50} | ${alone.latency.p90} | ${alone.latency.p99} | ${alone.latency.max} | ${alone.non2xx + alone.errors} |`,
    '',
    `Target: p99 < 50 ms at 16 connections for the mix — **${mix.latency.p99 < 50 ? 'met' : 'not met'}** (${mix.latency.p99} ms).`,
  ]);
  process.exit(0);

  function writeReport([how, ...rows]: string[]) {
  const s = SCALES[scale];
  const md = [
    `# Search benchmark (issue 15)${PG ? ' — PostgreSQL' : ''}`,
    '',
    'Written by `npm run bench:search` (bench/search.ts).',
    '',
    `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average at the start ${os.loadavg()[0].toFixed(1)}`,
    `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.versions.node}`,
    `- scale: **${scale}** — ${fmt(s.awards)} awards; mix: ${queries.length} queries = ${names.size} random awarded individuals × (folded full name, last two words)`,
    how,
    '',
    '| measure | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `First hit names the query (the person searched for, or a namesake, comes first): ${found} of ${timed.length}.`,
    '',
    '## The ten slowest queries (in-process)',
    '',
    '| query | ms | matches ranked | capped |',
    '|---|---:|---:|---|',
    ...worst.map((w) => `| ${w.q} | ${fmt(w.ms)} | ${w.total} | ${w.more ? 'yes' : ''} |`),
    '',
  ].join('\n');
  // Each engine its own file: search-results.md (SQLite), search-results-pg.md.
  fs.writeFileSync(path.join('bench', PG ? 'search-results-pg.md' : 'search-results.md'), md);
  console.log('\n' + md);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
