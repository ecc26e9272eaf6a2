// `npm run bench [-- --scale nation --duration 10 --connections 16 --port 3207]`: serves the production
// build on a copy of a bench database (npm run bench:data), loads each target with autocannon at a
// fixed connection count, samples the server's RSS, times a 10,000-row import, and writes
// bench/results.md. It prints figures and asserts nothing.
// On PostgreSQL (issue 16): `--db postgres://…/vinhdanh_bench_nation` (made by `npm run bench:data -- --db …`) serves a
// scratch copy of that database (CREATE DATABASE … TEMPLATE, dropped at the end), with `--processes 2` behind nginx
// as a load balancer (as deployed; `--balancer proxy`: scripts/serve-cluster.ts's own round-robin proxy instead);
// `--only roll,search,queue,api` loads those targets alone.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { closeDatabase, migrateAppDatabase, openAppDatabase, withTransaction } from '@/db/connection';
import { nameIndexMissing, rebuildNameIndex } from '@/lib/search-index';
import { buildIsStale, runNext, waitForExit, waitForHealth } from '@/scripts/lib';
import { createDatabaseSql } from '@/tests/pg';
import { importCsv } from './import-csv';
import { chooseLoader, describeLoader, load, type Load } from './load';
import { BENCH_PASSWORD, SCALES, benchDatabaseFile, type Scale } from './scales';

type Target = { key: string; label: string; requests: Array<{ path: string }>; headers?: Record<string, string>; proxied?: boolean; signedIn?: boolean };
type Row = { label: string; via: 'node' | 'nginx'; xids?: number; rps: number; p50: number; p99: number; ratio: number | null; rssMb: number; kb: number; gzipKb: number; non2xx: number; note?: string };

/** Pages compared with the bare Next static page, served by Node and through nginx. */
const PAGES = ['bare', 'roll', 'award', 'unit', 'home', 'stats'];
const NGINX = '/usr/sbin/nginx';

/** Staff screens opened once each, by account (`staff` target): how long a page takes and weighs at the scale —
 * first after signing in (a write, so every count remembered until a write is computed again), then again. */
const STAFF_SCREENS: Array<[account: string, paths: string[]]> = [
  ['reviewer', ['/manage', '/manage?page=3', '/manage/rounds', '/manage/nominations', '/manage/nominations?kind=individual', '/manage/nominations?q=nguyen%20van', '/manage/nominations?q=xuan%20mai%20tran', '/manage/nominations?sort=name', '/manage/nominations?status=submitted&sort=name', '/manage/people', '/manage/people?q=nguyen', '/manage/records', '/manage/records/eligible']],
  ['admin', ['/manage', '/manage/units', '/manage/users', '/manage/rounds']],
  ['officer', ['/manage', '/manage/nominations/new', '/manage/nominations', '/manage/records']],
];
type StaffRow = { account: string; path: string; status: number; kb: number; firstMs: number; againMs: number };

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: process.env.BENCH_PORT || '3207' },
    'import-rows': { type: 'string', default: '10000' },
    /** A PostgreSQL bench database (postgres://…): served from a scratch copy of it. */
    db: { type: 'string' },
    /** App processes (PostgreSQL only; more than one runs scripts/serve-cluster.ts). */
    processes: { type: 'string', default: '1' },
    /** Comma-separated target keys (bare, baseline, bareDynamic, signedIn, roll, award, unit, unitRoot, home, stats, search, queue, api; import; staff: the staff screens opened once each). */
    only: { type: 'string' },
    /**
     * What spreads the load over the app processes: `nginx` (the default for several processes when installed: a
     * deployment's load balancer, in C, no cache) or `proxy` (scripts/serve-cluster.ts's own Node proxy, which takes
     * a third of a core from the processes it feeds on two cores). `--balancer nginx` with one process puts the same
     * balancer in front of it, for a like-for-like ratio.
     */
    balancer: { type: 'string' },
    /**
     * The load generator of a one-URL target: `wrk` (the default when installed: C, two threads) or `autocannon`
     * (JavaScript, one thread: past ~3,000 req/s of 10 kB pages it is the bottleneck, not the server). Targets of
     * several URLs (the queue, the JSON API) always use autocannon.
     */
    loader: { type: 'string' },
  },
});
const LOADER = chooseLoader(args.loader, fail);
const PG_URL = args.db && /^postgres(ql)?:\/\//.test(args.db) ? args.db : null;
if (args.db && !PG_URL) fail('--db takes a postgres:// URL (a SQLite bench database is chosen with --scale).');
const PROCESSES = Math.max(1, Number(args.processes) || 1);
if (PROCESSES > 1 && !PG_URL) fail('--processes needs --db postgres://… (SQLite is served by one process).');
if (args.balancer && !['nginx', 'proxy'].includes(args.balancer)) fail('--balancer takes nginx or proxy.');
if (args.balancer === 'nginx' && !fs.existsSync(NGINX)) fail(`--balancer nginx needs ${NGINX} (apt-get install -y nginx).`);
const BALANCER: 'nginx' | 'proxy' | null =
  args.balancer === 'nginx' ? 'nginx' : PROCESSES === 1 ? null : args.balancer === 'proxy' || !fs.existsSync(NGINX) ? 'proxy' : 'nginx';
const ONLY = args.only ? new Set(args.only.split(',').map((k) => k.trim())) : null;

/** `?` placeholders → `$n` for node-postgres. */
const pgParams = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
type Query = { get<T>(sql: string, ...p: unknown[]): Promise<T | undefined>; all<T>(sql: string, ...p: unknown[]): Promise<T[]>; close(): Promise<void> };

function sqliteQuery(file: string): Query {
  const db = new Database(file, { readonly: true });
  return {
    get: async <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T | undefined,
    all: async <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[],
    close: async () => void db.close(),
  };
}

async function pgQuery(url: string): Promise<Query> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // count(*) comes back as a number: db/connection-pg.ts (imported through db/connection) sets pg's int8 parser.
  const all = async <T>(sql: string, ...p: unknown[]) => (await client.query(pgParams(sql), p)).rows as T[];
  return { all, get: async <T>(sql: string, ...p: unknown[]) => (await all<T>(sql, ...p))[0], close: () => client.end() };
}

/** A scratch copy of a PostgreSQL bench database (the run imports into it), on the same server. */
async function pgScratchCopy(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const u = new URL(url);
  const template = decodeURIComponent(u.pathname.slice(1));
  const name = `vdbench_run_${process.pid}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end();
    }
  };
  if (!(await run(`SELECT 1 FROM pg_database WHERE datname = '${template.replace(/'/g, "''")}'`)).rowCount) fail(`No database ${template}. Make it first:\n  npm run bench:data -- --scale nation --db ${url}`);
  await run(`${createDatabaseSql(name, pg.escapeIdentifier(template))} STRATEGY FILE_COPY`);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: async () => void (await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

function pickScale(): Scale {
  if (!args.scale && PG_URL) {
    const named = (Object.keys(SCALES) as Scale[]).find((s) => new URL(PG_URL).pathname.includes(s));
    if (!named) fail('With --db, say which scale the database holds: --scale district|city|nation.');
    return named;
  }
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

/** Resident memory of the app processes (scripts/serve.mjs, or `next start`) at or below `pid`: a cluster's proxy and launcher left out. */
function appRss(pid: number): number {
  let cmd = '';
  try {
    cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 0;
  }
  // `next start` renames its process (process.title = 'next-server (v…)'), which rewrites its cmdline.
  if (cmd.startsWith('next-server') || cmd.includes(path.join('next', 'dist', 'bin', 'next')) || cmd.includes(path.join('scripts', 'serve.mjs'))) return treeRss(pid);
  let total = 0;
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const c of children ? children.split(/\s+/) : []) total += appRss(Number(c));
    }
  } catch {
    // the process ended
  }
  return total;
}

/** What to load, chosen from the data: a typical published round, a common name, the reviewer's queue. */
async function discoverTargets(db: Query): Promise<{ targets: Target[]; openRound: string; units: string[] }> {
  const rounds = await db.all<{ slug: string; n: number }>(
    `SELECT r.slug, (SELECT count(*) FROM awards a WHERE a.round_id = r.id) AS n FROM rounds r
     WHERE r.status = 'published' ORDER BY n, r.id`,
  );
  const median = rounds[Math.floor(rounds.length / 2)];
  const common = (await db.get<{ f: string }>('SELECT name_folded AS f FROM individuals WHERE id = 1'))!;
  const prefix = common.f.split(' ').slice(0, 2).join(' ');
  const submitted = (await db.get<{ n: number }>("SELECT count(*) AS n FROM nominations WHERE status = 'submitted'"))!.n;
  const reviewing = await db.get<{ id: number }>("SELECT id FROM rounds WHERE status = 'reviewing' ORDER BY id LIMIT 1");
  const open = (await db.get<{ slug: string; path: string }>("SELECT r.slug, u.path FROM rounds r JOIN units u ON u.id = r.unit_id WHERE r.status = 'open' ORDER BY r.id LIMIT 1"))!;
  const openRound = open.slug;
  // The import's units: inside the open round's unit (only its subtree may be nominated in it).
  const pathEnd = open.path.slice(0, -1) + String.fromCharCode(open.path.charCodeAt(open.path.length - 1) + 1);
  const unitRows = await db.all<{ name: string }>("SELECT name FROM units WHERE kind IN ('ward', 'department') AND path >= ? AND path < ? ORDER BY id LIMIT 200", open.path, pathEnd);
  // A deep page through the keyset cursor, as the "next" links produce it, and one by page number.
  const pages = Math.max(1, Math.ceil(submitted / 25));
  const deep = Math.max(1, Math.floor(pages * 0.8));
  const cursor = await db.get<{ id: number }>("SELECT id FROM nominations WHERE status = 'submitted' ORDER BY id DESC LIMIT 1 OFFSET ?", (deep - 1) * 25);
  // The award page and the unit page of an entry of that roll; the root unit's page sums a whole country.
  const entry = (await db.get<{ id: string; unit: string }>(
    `SELECT a.public_id AS id, u.slug AS unit FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id
     WHERE r.slug = ? AND a.revoked_at IS NULL ORDER BY a.id LIMIT 1`,
    median.slug,
  ))!;
  const root = (await db.get<{ slug: string }>('SELECT slug FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1'))!;
  await db.close();
  const q = encodeURIComponent(prefix);
  return {
    openRound,
    units: unitRows.map((u) => u.name),
    targets: [
      { key: 'bare', label: 'bare Next static page (/bare), the reference', requests: [{ path: '/bare' }] },
      { key: 'baseline', label: 'static file (/robots.txt)', requests: [{ path: '/robots.txt' }] },
      // The floor of a staff page: what Next.js costs a page rendered on every request (no proxy, session or data),
      // and the lightest signed-in page (the proxy, the session's checks, the layout, no list).
      { key: 'bareDynamic', label: 'bare Next page rendered per request (/bare/dynamic), the floor of any staff page', requests: [{ path: '/bare/dynamic' }] },
      { key: 'signedIn', label: 'the lightest signed-in page (/account/password, the reviewer)', requests: [{ path: '/account/password' }], signedIn: true },
      { key: 'roll', label: `honour roll (${median.n} awards)`, requests: [{ path: `/rounds/${median.slug}` }] },
      { key: 'award', label: 'award verification page', requests: [{ path: `/awards/${entry.id}` }] },
      { key: 'unit', label: 'unit page (the roll\'s first unit)', requests: [{ path: `/units/${entry.unit}` }] },
      { key: 'unitRoot', label: 'unit page of the root unit (every award below it)', requests: [{ path: `/units/${root.slug}` }] },
      { key: 'home', label: 'home page (every published round)', requests: [{ path: '/' }] },
      { key: 'stats', label: 'statistics page', requests: [{ path: '/stats' }] },
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
        signedIn: true,
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

/** nginx in front (deploy/nginx-vinhdanh.conf, its upstream and paths pointed at this run), or null. */
function startNginx(work: string, upstreamPort: string, listenPort: number): ReturnType<typeof spawn> | null {
  if (!fs.existsSync(NGINX)) return null;
  const brotli = fs.existsSync('/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so');
  let site = fs.readFileSync(path.join('deploy', 'nginx-vinhdanh.conf'), 'utf8')
    .replace('/var/cache/nginx/vinhdanh', path.join(work, 'nginx-cache'))
    .replace(/server 127\.0\.0\.1:\d+;/, `server 127.0.0.1:${upstreamPort};`)
    .replace(/listen \[::\]:80;\n/, '')
    .replace('listen 80;', `listen 127.0.0.1:${listenPort};`);
  if (!brotli) site = site.replace(/^\s*brotli\S*.*\n/gm, '');
  const conf = [
    brotli ? 'load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;' : '',
    // Started as root, nginx's workers would run as www-data, which cannot enter this run's private folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    `pid ${path.join(work, 'nginx.pid')};`,
    `error_log ${path.join(work, 'nginx-error.log')} warn;`,
    'worker_processes 1;',
    'events { worker_connections 1024; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  access_log off;',
    `  client_body_temp_path ${work}/nginx-body; proxy_temp_path ${work}/nginx-proxy; fastcgi_temp_path ${work}/nginx-fcgi;`,
    `  uwsgi_temp_path ${work}/nginx-uwsgi; scgi_temp_path ${work}/nginx-scgi;`,
    site,
    '}',
  ].join('\n');
  const file = path.join(work, 'nginx.conf');
  fs.writeFileSync(file, conf);
  const check = spawnSync(NGINX, ['-t', '-c', file, '-p', work], { encoding: 'utf8' });
  if (check.status !== 0) {
    console.error(`nginx refused its configuration:\n${check.stderr}`);
    return null;
  }
  return spawn(NGINX, ['-c', file, '-p', work, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** nginx as a plain load balancer (no cache, least_conn, kept-alive connections) over the app processes' ports. */
function startBalancer(work: string, backends: number[], listenPort: number): ReturnType<typeof spawn> {
  const dir = path.join(work, 'balancer');
  fs.mkdirSync(dir, { recursive: true });
  const conf = [
    process.getuid?.() === 0 ? 'user root;' : '',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'worker_processes 1;',
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
    `  upstream app { least_conn; ${backends.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 64; }`,
    `  server { listen 127.0.0.1:${listenPort}; location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $http_host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; } }`,
    '}',
  ].join('\n');
  const file = path.join(dir, 'nginx.conf');
  fs.writeFileSync(file, conf);
  const check = spawnSync(NGINX, ['-t', '-c', file, '-p', dir], { encoding: 'utf8' });
  if (check.status !== 0) fail(`nginx refused the balancer's configuration:\n${check.stderr}`);
  return spawn(NGINX, ['-c', file, '-p', dir, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function loadTarget(base: string, t: Target, seconds: number, connections: number): Promise<Load> {
  // Targets of several URLs keep autocannon, as the earlier figures of the queue and the JSON API were measured.
  return load(t.requests.length === 1 ? LOADER : 'autocannon', base, t.requests.map((r) => r.path), seconds, connections, t.headers);
}

async function main() {
  const scale = pickScale();
  const source = benchDatabaseFile(scale);
  if (!PG_URL && !fs.existsSync(source)) fail(`No ${scale} database. Generate it first:\n  npm run bench:data -- --scale ${scale}`);
  const duration = Number(args.duration);
  const warmup = Number(args.warmup);
  const connections = Number(args.connections);
  const port = args.port!;
  // The app's own address (one process, or serve-cluster's proxy), and where the load goes: the same, or nginx balancing.
  const serverBase = `http://127.0.0.1:${port}`;
  const balancerPort = Number(port) + PROCESSES + 1;
  const appBase = BALANCER === 'nginx' ? `http://127.0.0.1:${balancerPort}` : serverBase;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-bench-'));
  // SQLite: a copy of the file; PostgreSQL: a scratch copy of the database on the same server.
  const copy = path.join(work, `${scale}.db`);
  let databaseUrl = `file:${copy}`;
  let dropScratch = async () => {};
  let size: number;
  if (PG_URL) {
    const t0 = performance.now();
    const scratch = await pgScratchCopy(PG_URL);
    databaseUrl = scratch.url;
    dropScratch = scratch.drop;
    process.on('SIGINT', () => void scratch.drop().finally(() => process.exit(130)));
    console.log(`… Scratch copy of ${new URL(PG_URL).pathname.slice(1)}: ${new URL(databaseUrl).pathname.slice(1)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } else fs.copyFileSync(source, copy);
  // As `npm start` prepares a database: a file generated before the latest migrations gets them (and the
  // name index of migration 0014, filled from the search index).
  {
    const db = openAppDatabase(databaseUrl);
    await migrateAppDatabase(db);
    if (await nameIndexMissing(db)) await withTransaction(db, (tx) => rebuildNameIndex(tx));
    await closeDatabase(db);
  }
  if (PG_URL) {
    const q = await pgQuery(databaseUrl);
    size = (await q.get<{ n: number }>('SELECT pg_database_size(current_database()) AS n'))!.n;
    await q.close();
  } else size = fs.statSync(source).size;
  const discovered = await discoverTargets(PG_URL ? await pgQuery(databaseUrl) : sqliteQuery(copy));
  const { openRound, units } = discovered;
  // --only: those targets, with the bare page kept as the reference of the ratios.
  const targets = ONLY ? discovered.targets.filter((t) => ONLY.has(t.key) || t.key === 'bare') : discovered.targets;
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URL: databaseUrl,
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
  const engine = PG_URL ? 'PostgreSQL' : 'SQLite';
  console.log(`… Serving the ${scale} database (${engine}, ${PROCESSES} process${PROCESSES > 1 ? 'es' : ''}; copy in ${PG_URL ? new URL(databaseUrl).pathname.slice(1) : work}) on ${serverBase}`);
  const logFile = fs.openSync(path.join(work, 'server.log'), 'w');
  // Several processes: scripts/serve-cluster.ts (scripts/serve.mjs on PORT+1…PORT+N, its round-robin proxy on PORT).
  const server =
    PROCESSES > 1
      ? spawn(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('scripts', 'serve-cluster.ts'), '--processes', String(PROCESSES), '--no-build'], { env, stdio: ['ignore', logFile, logFile] })
      : spawn(process.execPath, [path.join('scripts', 'serve.mjs')], { env: { ...env, PORT: port }, stdio: ['ignore', logFile, logFile] });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  if (!(await waitForHealth(`${serverBase}/api/health`, 180_000))) {
    await dropScratch();
    fail(`The server did not answer; see ${path.join(work, 'server.log')}`);
  }
  let peak = 0;
  let targetPeak = 0;
  const sampler = setInterval(() => {
    const rss = appRss(server.pid!);
    peak = Math.max(peak, rss);
    targetPeak = Math.max(targetPeak, rss);
  }, 100);

  if (BALANCER === 'nginx') {
    // Several processes: serve-cluster's backends on PORT+1…PORT+N (its own proxy on PORT stays idle).
    const backends = PROCESSES > 1 ? Array.from({ length: PROCESSES }, (_, i) => Number(port) + 1 + i) : [Number(port)];
    const balancer = startBalancer(work, backends, balancerPort);
    process.on('exit', () => balancer.kill('SIGTERM'));
    if (!(await waitForHealth(`${appBase}/api/health`, 20_000))) fail('nginx, balancing the app processes, did not answer');
    console.log(`  load through nginx balancing ${backends.length} process${backends.length > 1 ? 'es' : ''} on ${appBase}`);
  }
  // nginx on the next port, one worker (the machine has few cores; the app is one process too). Its rows
  // measure the page cache, the same on either engine: only on a full SQLite run.
  const proxyPort = Number(port) + 1;
  const nginx = PG_URL || (ONLY && !PAGES.some((k) => ONLY.has(k))) ? null : startNginx(work, port, proxyPort);
  const proxyBase = `http://127.0.0.1:${proxyPort}`;
  if (nginx) {
    process.on('exit', () => nginx.kill('SIGTERM'));
    await waitForHealth(`${proxyBase}/api/health`, 20_000);
  } else if (!PG_URL && !ONLY) console.log('  (nginx not available: no rows through the reverse proxy)');

  const cookie = await signIn(appBase, 'reviewer');
  const xidProbe = PG_URL ? await pgQuery(databaseUrl) : null;
  const rows: Row[] = [];
  const bareRps = { node: 0, nginx: 0 };
  const runs: Array<{ t: Target; via: 'node' | 'nginx' }> = targets.map((t) => ({ t, via: 'node' as const }));
  if (nginx) for (const t of targets.filter((t) => PAGES.includes(t.key))) runs.push({ t: { ...t, headers: { 'accept-encoding': 'br, gzip' } }, via: 'nginx' });
  for (const { t, via } of runs) {
    const base = via === 'nginx' ? proxyBase : appBase;
    if (t.signedIn) t.headers = { cookie };
    // A target the app does not have (yet), or cannot answer within a minute, is reported, not fatal.
    let probe: Response;
    let bytes = 0;
    let gzipped = 0;
    try {
      probe = await fetch(base + t.requests[0].path, { headers: t.headers, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
      await probe.arrayBuffer();
      for (const req of t.requests) {
        const res = await fetch(base + req.path, { headers: { ...t.headers, 'accept-encoding': 'identity' }, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
        const body = Buffer.from(await res.arrayBuffer());
        bytes += body.byteLength;
        gzipped += zlib.gzipSync(body, { level: 6 }).byteLength;
      }
    } catch (e) {
      rows.push({ label: t.label, via, rps: 0, p50: 0, p99: 0, ratio: null, rssMb: 0, kb: 0, gzipKb: 0, non2xx: 0, note: `no answer within 60 s (${(e as Error).name})` });
      console.log(`  ${t.label} [${via}]: no answer within 60 s`);
      continue;
    }
    if (probe.status === 404) {
      rows.push({ label: t.label, via, rps: 0, p50: 0, p99: 0, ratio: null, rssMb: 0, kb: 0, gzipKb: 0, non2xx: 0, note: 'not available (404)' });
      console.log(`  ${t.label}: not available (404)`);
      continue;
    }
    if (probe.status !== 200) throw new Error(`${t.requests[0].path} answered HTTP ${probe.status}`);
    await loadTarget(base, t, warmup, connections);
    targetPeak = 0;
    // PostgreSQL: how many transaction ids the whole server gave out meanwhile (any database's writes). lib/memo.ts
    // keys its memo on pg_current_snapshot(), which each of them moves.
    const xmax = async () => (xidProbe ? Number((await xidProbe.get<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x'))!.x) : 0);
    const x0 = await xmax();
    const r = await loadTarget(base, t, duration, connections);
    const xids = xidProbe ? (await xmax()) - x0 : undefined;
    const rps = r.requests.average;
    if (t.key === 'bare') bareRps[via] = rps;
    const n = t.requests.length;
    const row: Row = { label: t.label, via, xids, rps, p50: r.latency.p50, p99: r.latency.p99, ratio: bareRps[via] ? rps / bareRps[via] : null, rssMb: targetPeak / 2 ** 20, kb: bytes / n / 1024, gzipKb: gzipped / n / 1024, non2xx: r.non2xx + r.errors + r.timeouts };
    rows.push(row);
    console.log(`  ${t.label} [${via}]: ${rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, RSS ${row.rssMb.toFixed(0)} MB, ${row.kb.toFixed(1)} kB (${row.gzipKb.toFixed(1)} kB gzip)${row.non2xx ? `, ${row.non2xx} errors/non-2xx` : ''}${xids !== undefined ? `, ${xids} server-wide xids` : ''}`);
  }
  await xidProbe?.close();
  const staff: StaffRow[] = [];
  if (!ONLY || ONLY.has('staff')) {
    console.log('… Staff screens, one request each (first after signing in, then again)');
    for (const [account, paths] of STAFF_SCREENS) {
      const jar = await signIn(appBase, account);
      for (const p of paths) {
        const open = async () => {
          const t0 = performance.now();
          const res = await fetch(appBase + p, { headers: { cookie: jar }, redirect: 'manual', signal: AbortSignal.timeout(120_000) });
          const body = await res.arrayBuffer();
          return { status: res.status, kb: body.byteLength / 1024, ms: performance.now() - t0 };
        };
        const first = await open();
        const again = await open();
        staff.push({ account, path: p, status: first.status, kb: first.kb, firstMs: first.ms, againMs: again.ms });
        console.log(`  ${account} ${p}: ${first.status}, ${first.kb.toFixed(0)} kB, ${first.ms.toFixed(0)} ms then ${again.ms.toFixed(0)} ms`);
      }
    }
  }
  clearInterval(sampler);
  nginx?.kill('SIGTERM');
  stop();
  await waitForExit(server);

  // The import, as `npm run import` runs it, on the same copy (the server has stopped).
  const rowsToImport = Number(args['import-rows']);
  let importLine: string | null = null;
  if (!ONLY || ONLY.has('import')) {
    const csv = path.join(work, 'import.csv');
    fs.writeFileSync(csv, importCsv(units, rowsToImport));
    console.log(`… Importing ${rowsToImport.toLocaleString('en')} nominations into ${openRound}`);
    const t0 = performance.now();
    const imp = spawnSync(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=react-server', 'scripts/import.ts', '--kind', 'nominations', '--file', csv, '--round', openRound], { env, encoding: 'utf8' });
    const wall = (performance.now() - t0) / 1000;
    const inner = Number(/\((\d+) ms\)/.exec(imp.stdout + imp.stderr)?.[1] ?? NaN) / 1000;
    if (imp.status !== 0) console.error(imp.stdout, imp.stderr);
    importLine = imp.status === 0 ? `${inner.toFixed(2)} s inside the import (${wall.toFixed(1)} s with process start-up)` : `failed: ${(imp.stderr || imp.stdout).split('\n')[0]}`;
    console.log(`  import: ${importLine}`);
  }
  await dropScratch();

  // A full SQLite run keeps the scale's own section; another engine, process count or target list has its own.
  const label = PG_URL || ONLY || PROCESSES > 1 || BALANCER ? ` — ${engine}, ${PROCESSES} process${PROCESSES > 1 ? 'es' : ''}${BALANCER ? ` behind ${BALANCER === 'nginx' ? 'nginx' : 'the Node proxy'}` : ''}${ONLY ? ` (${[...ONLY].join(', ')})` : ''}${PG_URL && process.env.PGOPTIONS ? `, PGOPTIONS=${process.env.PGOPTIONS}` : ''}` : '';
  const md = report({ scale, label, duration, connections, rows, staff, peakMb: peak / 2 ** 20, importLine, rowsToImport, size });
  writeResults(md);
  console.log('\n' + md);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

/** bench/results.md keeps one section per scale (and engine, process count, targets): this run replaces its own. */
function writeResults(section: string) {
  const heading = section.split('\n', 1)[0];
  const file = path.join('bench', 'results.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const sections = new Map<string, string>();
  // Sections written by hand (a before/after comparison) are kept, ahead of the scales' own.
  const notes: string[] = [];
  for (const part of old.split(/^(?=## )/m)) {
    const m = /^## (\w+).*/.exec(part);
    if (m && m[1] in SCALES) sections.set(m[0].trimEnd(), part.trimEnd() + '\n');
    else if (m) notes.push(part.trimEnd() + '\n');
  }
  sections.set(heading, section);
  const scaleOf = (h: string) => (Object.keys(SCALES) as Scale[]).indexOf(/^## (\w+)/.exec(h)![1] as Scale);
  const ordered = [...sections.keys()].map((h, i) => ({ h, i })).sort((a, b) => scaleOf(a.h) - scaleOf(b.h) || a.i - b.i);
  const body = [...notes, ...ordered.map(({ h }) => sections.get(h))].join('\n');
  fs.writeFileSync(file, `# Benchmark results\n\nWritten by \`npm run bench\` (see bench/README.md); each run replaces the section of its scale.\n\n${body}`);
}

function report(o: { scale: Scale; label: string; duration: number; connections: number; rows: Row[]; staff: StaffRow[]; peakMb: number; importLine: string | null; rowsToImport: number; size: number }): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const s = SCALES[o.scale];
  const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
  const kb = (n: number) => (n < 10 ? n.toFixed(1) : fmt(n));
  const lines = [
    `## ${o.scale}${o.label}`,
    '',
    `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.versions.node}`,
    `- scale: **${o.scale}** — ${fmt(s.units)} units, ${fmt(s.individuals)} individuals, ${fmt(s.collectives)} collectives, ${fmt(s.rounds)} rounds, ${fmt(s.nominations)} nominations, ${fmt(s.awards)} awards (${fmt(o.size / 2 ** 20)} MB)`,
    `- load: ${describeLoader(LOADER)}${LOADER === 'wrk' ? ' for the one-URL targets, autocannon for the others' : ''}, ${o.connections} connections, ${o.duration} s per target after a warm-up; the production server (\`scripts/serve.mjs\`: \`next build\` output, stored public pages)${BALANCER === 'proxy' ? `, ${PROCESSES} processes behind scripts/serve-cluster.ts's round-robin proxy` : BALANCER === 'nginx' ? `, ${PROCESSES} process${PROCESSES > 1 ? 'es' : ''} behind nginx balancing them (least_conn, no cache, one worker)` : ''}${PG_URL ? ', PostgreSQL (a scratch copy of the bench database)' : ''}${o.rows.some((r) => r.via === 'nginx') ? '; `nginx` rows: deploy/nginx-vinhdanh.conf in front' : ''}${o.rows.some((r) => r.via === 'nginx') ? ' (one worker, requests with `accept-encoding: br, gzip`)' : ''}; × bare static page compares with the bare page served the same way`,
    '',
    '| target | via | req/s | p50 ms | p99 ms | × bare static page | peak RSS MB | kB/response | kB gzip |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...o.rows.map((r) =>
      r.note
        ? `| ${r.label} | ${r.via} | ${r.note} | | | | | | |`
        : `| ${r.label}${r.non2xx ? ` (${r.non2xx} errors)` : ''} | ${r.via} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.ratio == null ? '' : r.ratio.toFixed(2)} | ${fmt(r.rssMb)} | ${kb(r.kb)} | ${kb(r.gzipKb)} |`,
    ),
    ...(o.importLine == null ? [] : [`| import of ${fmt(o.rowsToImport)} nomination rows | | ${o.importLine} | | | | | | |`]),
    '',
    ...(o.rows.some((r) => r.xids !== undefined)
      ? [`Transaction ids the PostgreSQL server gave out during each load (any database on it; each moves the snapshot lib/memo.ts keys on): ${o.rows.filter((r) => r.xids !== undefined).map((r) => `${r.label.split(' (')[0]} ${r.xids}`).join(', ')}.`, '']
      : []),
    ...(o.staff.length
      ? [
          'Staff screens, one request each: first after signing in (every count remembered until a write is computed again), then again.',
          '',
          '| account | page | status | kB | first ms | again ms |',
          '|---|---|---:|---:|---:|---:|',
          ...o.staff.map((r) => `| ${r.account} | \`${r.path}\` | ${r.status} | ${kb(r.kb)} | ${fmt(r.firstMs)} | ${fmt(r.againMs)} |`),
          '',
        ]
      : []),
    `Server peak RSS over the whole run: **${fmt(o.peakMb)} MB**${PROCESSES > 1 ? ` (the ${PROCESSES} app processes together; the balancer not counted)` : ''}.`,
    '',
  ];
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
