// `npm run start:cluster`: several app processes against one PostgreSQL database, behind one address
// (issue 16) — what a city or a nation runs with nginx in front (deploy/nginx-vinhdanh.conf), here with a
// small round-robin proxy so the e2e suite and a developer need nothing else. Prepares the database like
// `npm start` (migrations; demo data on an empty one), builds when stale, then starts N production servers
// (scripts/serve.mjs) on PORT+1…PORT+N and the proxy on PORT. Usage: DATABASE_URL=postgres://… npm run start:cluster [-- --processes 2] [--fresh-db]
import http from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { closeDatabase } from '@/db/connection';
import { ENGINE } from '@/db/engine';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { buildIsStale, DEMO_ACCOUNTS, DEMO_PASSWORD, prepareDatabase, runNext, runServer, waitForExit, waitForHealth } from './lib';

async function main() {
  const argv = process.argv.slice(2);
  const n = Number(argv[argv.indexOf('--processes') + 1] || process.env.APP_PROCESSES || 2);
  if (ENGINE !== 'postgres') throw new Error('start:cluster needs DATABASE_URL=postgres://… (several processes share one PostgreSQL database; SQLite stays one process: npm start).');
  const port = Number(process.env.PORT || 3000);
  // Every process renders the public pages with the one public address (canonical, hreflang and Open Graph
  // links, QR codes): without PUBLIC_URL a process would name its own port, so the processes would serve
  // different bytes for one page — different ETags, and a conditional GET answered by another process would
  // never get its 304 — and links to a port nobody should use.
  const env = { ...process.env, AUTH_SECRET: ensureAuthSecret(), PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}` };

  const { db, seeded, hasDemo } = await prepareDatabase({ fresh: argv.includes('--fresh-db') });
  await closeDatabase(db);
  console.log(seeded ? '✓ Database ready (demo data seeded).' : '✓ Database ready.');
  if (!argv.includes('--no-build') && buildIsStale()) {
    console.log('… Building the application (next build)');
    const code = await waitForExit(runNext(['build'], env));
    if (code !== 0) process.exit(code);
  }

  const backends = Array.from({ length: n }, (_, i) => port + 1 + i);
  const servers: ChildProcess[] = backends.map((p) => runServer({ ...env, PORT: String(p), APP_PROCESS: String(p - port) }));
  const stop = (sig: NodeJS.Signals) => {
    for (const s of servers) s.kill(sig);
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => stop(sig));
  for (const s of servers) void waitForExit(s).then((code) => {
    console.error(`an app process ended (exit ${code}); stopping the cluster`);
    stop('SIGTERM');
  });
  for (const p of backends) if (!(await waitForHealth(`http://localhost:${p}/api/health`, 120_000))) throw new Error(`the app process on port ${p} did not become healthy`);

  // Round robin, request by request: consecutive requests of one browser land on different processes.
  let next = 0;
  const proxy = http.createServer((req, res) => {
    const target = backends[next++ % backends.length];
    const upstream = http.request(
      { host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: { ...req.headers, 'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ') } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(port, r));
  const base = `http://localhost:${port}`;
  console.log(`\n✓ Vinh Danh is serving on ${base} (${n} processes: ports ${backends.join(', ')})`);
  if (hasDemo) {
    console.log(`\nDemo accounts (password: ${DEMO_PASSWORD}):`);
    for (const [user, role] of DEMO_ACCOUNTS) console.log(`  ${user.padEnd(18)} ${role}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
