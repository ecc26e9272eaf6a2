// `npm run bench [-- --scale nation --duration 10 --connections 16 --port 3207]`: serves the production
// build on a copy of a bench database (npm run bench:data), loads each target with autocannon at a
// fixed connection count, samples the server's RSS, times a 10,000-row import, and writes
// bench/results.md. It prints figures and asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { buildIsStale, runNext, waitForExit, waitForHealth } from '@/scripts/lib';
import { importCsv } from './import-csv';
import { BENCH_PASSWORD, SCALES, benchDatabaseFile, type Scale } from './scales';

type Target = { key: string; label: string; requests: Array<{ path: string }>; headers?: Record<string, string> };
type Row = { label: string; rps: number; p50: number; p99: number; ratio: number | null; rssMb: number; kb: number; non2xx: number; note?: string };

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: process.env.BENCH_PORT || '3207' },
    'import-rows': { type: 'string', default: '10000' },
  },
});

function pickScale(): Scale {
  if (args.scale) {
    if (!(args.scale in SCALES)) fail(`Unknown scale "${args.scale}": use district, city or nation.`);
    return args.scale as Scale;
  }
  // The most recently generated database.
  const found = (Object.keys(SCALES) as Scale[])
    .filter((s) => fs.existsSync(benchDatabaseFile(s)))
    .sort((a, b) => fs.statSync(benchDatabaseFile(b)).mtimeMs - fs.statSync(benchDatabaseFile(a)).mtimeMs);
  if (!found.length) fail('No bench database yet. Generate one first:\n  npm run bench:data -- --scale district   (or city, nation)');
  return found[0];
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Resident memory of a process and its descendants, in bytes (Linux /proc). */
function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const c of children ? children.split(/\s+/) : []) total += treeRss(Number(c));
    }
  } catch {
    // the process ended
  }
  return total;
}

/** What to load, chosen from the data: a typical published round, a common name, the reviewer's queue. */
function discoverTargets(file: string): { targets: Target[]; openRound: string; units: string[] } {
  const db = new Database(file, { readonly: true });
  const rounds = db
    .prepare(
      `SELECT r.slug, (SELECT count(*) FROM awards a WHERE a.round_id = r.id) AS n FROM rounds r
       WHERE r.status = 'published' ORDER BY n, r.id`,
    )
    .all() as Array<{ slug: string; n: number }>;
  const median = rounds[Math.floor(rounds.length / 2)];
  const common = db.prepare("SELECT name_folded AS f FROM individuals WHERE id = 1").get() as { f: string };
  const prefix = common.f.split(' ').slice(0, 2).join(' ');
  const submitted = (db.prepare("SELECT count(*) AS n FROM nominations WHERE status = 'submitted'").get() as { n: number }).n;
  const reviewing = db.prepare("SELECT id FROM rounds WHERE status = 'reviewing' ORDER BY id LIMIT 1").get() as { id: number } | undefined;
  const openRound = (db.prepare("SELECT slug FROM rounds WHERE status = 'open' ORDER BY id LIMIT 1").get() as { slug: string }).slug;
  const unitRows = db.prepare("SELECT name FROM units WHERE kind IN ('ward', 'department') ORDER BY id LIMIT 200").all() as Array<{ name: string }>;
  // A deep page through the keyset cursor, as the "next" links produce it, and one by page number.
  const pages = Math.max(1, Math.ceil(submitted / 25));
  const deep = Math.max(1, Math.floor(pages * 0.8));
  const cursor = db
    .prepare("SELECT id FROM nominations WHERE status = 'submitted' ORDER BY id DESC LIMIT 1 OFFSET ?")
    .get((deep - 1) * 25) as { id: number } | undefined;
  db.close();
  const q = encodeURIComponent(prefix);
  return {
    openRound,
    units: unitRows.map((u) => u.name),
    targets: [
      { key: 'baseline', label: 'static file (/robots.txt), baseline', requests: [{ path: '/robots.txt' }] },
      { key: 'roll', label: `honour roll (${median.n} awards)`, requests: [{ path: `/rounds/${median.slug}` }] },
      { key: 'search', label: `public search (“${prefix}”)`, requests: [{ path: `/api/public/search?q=${q}` }] },
      {
        key: 'queue',
        label: `reviewer queue (${submitted.toLocaleString('en')} submitted; pages 1, ${deep}, ${pages})`,
        requests: [
          { path: '/manage/nominations?status=submitted' },
          ...(reviewing ? [{ path: `/manage/nominations?status=submitted&round=${reviewing.id}&kind=individual` }] : []),
          ...(cursor ? [{ path: `/manage/nominations?status=submitted&page=${deep}&after=${cursor.id + 1}` }] : []),
          { path: `/manage/nominations?status=submitted&page=${pages}` },
        ],
      },
      { key: 'api', label: 'public JSON API (rounds; awards of the roll)', requests: [{ path: '/api/public/rounds' }, { path: `/api/public/rounds/${median.slug}/awards` }] },
    ],
  };
}

async function signIn(base: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password: BENCH_PASSWORD, callbackUrl: `${base}/manage` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in as ${username} failed (HTTP ${res.status})`);
  return cookie();
}

function load(base: string, t: Target, seconds: number, connections: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: base, connections, duration: seconds, headers: t.headers, requests: t.requests.map((r) => ({ method: 'GET', path: r.path })) },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function main() {
  const scale = pickScale();
  const source = benchDatabaseFile(scale);
  if (!fs.existsSync(source)) fail(`No ${scale} database. Generate it first:\n  npm run bench:data -- --scale ${scale}`);
  const duration = Number(args.duration);
  const warmup = Number(args.warmup);
  const connections = Number(args.connections);
  const port = args.port!;
  const base = `http://127.0.0.1:${port}`;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-bench-'));
  const copy = path.join(work, `${scale}.db`);
  fs.copyFileSync(source, copy);
  const { targets, openRound, units } = discoverTargets(copy);
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URL: `file:${copy}`,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    UPLOADS_DIR: path.join(work, 'uploads'),
    IMPORTS_DIR: path.join(work, 'imports'),
    PORT: port,
  };

  if (buildIsStale()) {
    console.log('… Building the application (next build)');
    const code = await waitForExit(runNext(['build'], env));
    if (code !== 0) process.exit(code);
  }
  console.log(`… Serving the ${scale} database (copy in ${work}) on ${base}`);
  const logFile = fs.openSync(path.join(work, 'server.log'), 'w');
  const server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', port], { env, stdio: ['ignore', logFile, logFile] });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  if (!(await waitForHealth(`${base}/api/health`, 120_000))) fail(`The server did not answer; see ${path.join(work, 'server.log')}`);
  let peak = 0;
  let targetPeak = 0;
  const sampler = setInterval(() => {
    const rss = treeRss(server.pid!);
    peak = Math.max(peak, rss);
    targetPeak = Math.max(targetPeak, rss);
  }, 100);

  const cookie = await signIn(base, 'reviewer');
  const rows: Row[] = [];
  let baselineRps = 0;
  for (const t of targets) {
    if (t.key === 'queue') t.headers = { cookie };
    // A target the app does not have (yet) is reported, not fatal.
    const probe = await fetch(base + t.requests[0].path, { headers: t.headers, redirect: 'manual' });
    await probe.arrayBuffer();
    let bytes = 0;
    for (const req of t.requests) bytes += (await (await fetch(base + req.path, { headers: t.headers, redirect: 'manual' })).arrayBuffer()).byteLength;
    if (probe.status === 404) {
      rows.push({ label: t.label, rps: 0, p50: 0, p99: 0, ratio: null, rssMb: 0, kb: 0, non2xx: 0, note: 'not available (404)' });
      console.log(`  ${t.label}: not available (404)`);
      continue;
    }
    if (probe.status !== 200) throw new Error(`${t.requests[0].path} answered HTTP ${probe.status}`);
    await load(base, t, warmup, connections);
    targetPeak = 0;
    const r = await load(base, t, duration, connections);
    const rps = r.requests.average;
    if (t.key === 'baseline') baselineRps = rps;
    const row: Row = { label: t.label, rps, p50: r.latency.p50, p99: r.latency.p99, ratio: baselineRps ? rps / baselineRps : null, rssMb: targetPeak / 2 ** 20, kb: bytes / t.requests.length / 1024, non2xx: r.non2xx + r.errors };
    rows.push(row);
    console.log(`  ${t.label}: ${rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, RSS ${row.rssMb.toFixed(0)} MB, ${row.kb.toFixed(1)} kB${row.non2xx ? `, ${row.non2xx} errors/non-2xx` : ''}`);
  }
  clearInterval(sampler);
  stop();
  await waitForExit(server);

  // The import, as `npm run import` runs it, on the same copy (the server has stopped).
  const rowsToImport = Number(args['import-rows']);
  const csv = path.join(work, 'import.csv');
  fs.writeFileSync(csv, importCsv(units, rowsToImport));
  console.log(`… Importing ${rowsToImport.toLocaleString('en')} nominations into ${openRound}`);
  const t0 = performance.now();
  const imp = spawnSync(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=react-server', 'scripts/import.ts', '--kind', 'nominations', '--file', csv, '--round', openRound], { env, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  const inner = Number(/\((\d+) ms\)/.exec(imp.stdout + imp.stderr)?.[1] ?? NaN) / 1000;
  if (imp.status !== 0) console.error(imp.stdout, imp.stderr);
  const importLine = imp.status === 0 ? `${inner.toFixed(2)} s inside the import (${wall.toFixed(1)} s with process start-up)` : `failed: ${(imp.stderr || imp.stdout).split('\n')[0]}`;
  console.log(`  import: ${importLine}`);

  const md = report({ scale, duration, connections, rows, peakMb: peak / 2 ** 20, importLine, rowsToImport, size: fs.statSync(source).size });
  writeResults(scale, md);
  console.log('\n' + md);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

/** bench/results.md keeps one section per scale: this run replaces its own. */
function writeResults(scale: Scale, section: string) {
  const file = path.join('bench', 'results.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const sections = new Map<string, string>();
  for (const part of old.split(/^(?=## )/m)) {
    const m = /^## (\w+)/.exec(part);
    if (m && m[1] in SCALES) sections.set(m[1], part.trimEnd() + '\n');
  }
  sections.set(scale, section);
  const body = (Object.keys(SCALES) as Scale[]).filter((s) => sections.has(s)).map((s) => sections.get(s)).join('\n');
  fs.writeFileSync(file, `# Benchmark results\n\nWritten by \`npm run bench\` (see bench/README.md); each run replaces the section of its scale.\n\n${body}`);
}

function report(o: { scale: Scale; duration: number; connections: number; rows: Row[]; peakMb: number; importLine: string; rowsToImport: number; size: number }): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const s = SCALES[o.scale];
  const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
  const lines = [
    `## ${o.scale}`,
    '',
    `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.versions.node}`,
    `- scale: **${o.scale}** — ${fmt(s.units)} units, ${fmt(s.individuals)} individuals, ${fmt(s.collectives)} collectives, ${fmt(s.rounds)} rounds, ${fmt(s.nominations)} nominations, ${fmt(s.awards)} awards (${fmt(o.size / 2 ** 20)} MB)`,
    `- load: autocannon, ${o.connections} connections, ${o.duration} s per target after a warm-up; \`next start\` (production build)`,
    '',
    '| target | req/s | p50 ms | p99 ms | × baseline | peak RSS MB | kB/response |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...o.rows.map((r) =>
      r.note
        ? `| ${r.label} | ${r.note} | | | | | |`
        : `| ${r.label}${r.non2xx ? ` (${r.non2xx} errors)` : ''} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.ratio == null ? '' : r.ratio.toFixed(2)} | ${fmt(r.rssMb)} | ${r.kb < 10 ? r.kb.toFixed(1) : fmt(r.kb)} |`,
    ),
    `| import of ${fmt(o.rowsToImport)} nomination rows | ${o.importLine} | | | | | |`,
    '',
    `Server peak RSS over the whole run: **${fmt(o.peakMb)} MB**.`,
    '',
  ];
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
