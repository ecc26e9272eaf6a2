// `npx tsx --conditions=react-server bench/import-latency.ts [--rows 50000]`
// How long other requests wait while a large import runs: an HTTP server in this process answers
// /api/health as the app's route does (databaseIsHealthy), a separate process asks it every 10 ms, and this
// process runs a dry run then the confirmed import of `rows` nominations into the demo's open round —
// the same lib/import functions the import page and `npm run import` call. Prints the health latency
// (p50, p99, max) while idle, during the dry run and during the confirm.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq, like } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '@/db/connection';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import { units, users } from '@/db/tables';
import { importSpreadsheet } from '@/lib/import';
import { databaseIsHealthy } from '@/lib/public';
import { loadActor } from '@/lib/users';
import { importCsv } from './import-csv';
import { first } from '@/db/query';

const POLLER = `
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const samples = [];
let stop = false;
process.on('message', () => { stop = true; });
(async () => {
  while (!stop) {
    const t0 = Date.now();
    await new Promise((resolve) => http.get(process.argv[1], { agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', resolve));
    samples.push([t0, Date.now() - t0]);
    await new Promise((r) => setTimeout(r, 10));
  }
  process.send(samples, () => process.exit(0));
})();
`;

function stats(samples: Array<[number, number]>, from: number, to: number): string {
  const ms = samples.filter(([t, d]) => t + d >= from && t <= to).map(([, d]) => d).sort((a, b) => a - b);
  if (!ms.length) return 'no samples';
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  return `${ms.length} requests, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${ms[ms.length - 1]} ms`;
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '50000' } } });
  const rows = Number(values.rows);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-import-latency-'));
  process.env.IMPORTS_DIR = path.join(work, 'imports');
  const db = openDatabase(`file:${path.join(work, 'bench.db')}`);
  migrateDatabase(db);
  await seedDemo(db);
  (globalThis as { vinhDanhDb?: unknown }).vinhDanhDb = db;
  const admin = (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))))!.id))!;
  // The wards the admin's office covers (the demo's neighbouring ward has its own office).
  const wards = (await db.select({ name: units.name }).from(units).where(and(eq(units.kind, 'ward'), like(units.path, `${admin.unitPath}%`)))).map((u) => u.name);
  const bytes = new TextEncoder().encode(importCsv(wards, rows));

  const server = http.createServer((_req, res) => {
    void databaseIsHealthy().then((ok) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok })));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/health`;
  const poller = spawn(process.execPath, ['-e', POLLER, url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const samples = new Promise<Array<[number, number]>>((r) => poller.once('message', (m) => r(m as Array<[number, number]>)));

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await pause(1500);
  const idle = [Date.now() - 1000, Date.now()];
  const t1 = Date.now();
  const dry = await importSpreadsheet(admin, { kind: 'nominations', bytes, roundSlug: DEMO_SLUGS.open, dryRun: true });
  const t2 = Date.now();
  await pause(300);
  const t3 = Date.now();
  const real = await importSpreadsheet(admin, { kind: 'nominations', bytes, roundSlug: DEMO_SLUGS.open, dryRun: false });
  const t4 = Date.now();
  await pause(300);
  poller.send('stop');
  const all = await samples;
  server.close();
  console.log(`${rows.toLocaleString('en')} nomination rows (${(bytes.length / 2 ** 20).toFixed(1)} MB CSV); /api/health asked every 10 ms from another process`);
  console.log(`  idle:     ${stats(all, idle[0], idle[1])}`);
  console.log(`  dry run:  ${t2 - t1} ms, ${dry.errors.length} row errors; health ${stats(all, t1, t2)}`);
  for (const e of dry.errors.slice(0, 3)) console.log(`    e.g. ${JSON.stringify(e)}`);
  console.log(`  confirm:  ${t4 - t3} ms, ${real.written} rows written; health ${stats(all, t3, t4)}`);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

await main();
