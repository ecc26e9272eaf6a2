// The public search API on worker threads (lib/search-front.mjs, the production server's): the same answer and
// headers as Next.js's route (lib/public-search.ts), nothing cached, and a thread that dies is replaced.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, one } from '@/tests/db';
import { publicSearchAnswer } from './public-search';
import { isSearchRequest, searchFront } from './search-front.mjs';
import { unindexAward } from './search-index';
import { NON_PAGE_CSP } from './security-headers';

let db: DB;
let front: NonNullable<Awaited<ReturnType<typeof searchFront>>>;
let server: http.Server;
let base: string;
const saved = process.env.DATABASE_URL;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  await seedDemo(db);
  // The threads open DATABASE_URL, as the server's do.
  process.env.DATABASE_URL = fresh.url;
  front = (await searchFront({ workers: 2 }))!;
  // searchFront resolves once one thread is ready; the tests below count on both.
  await untilReady(2);
  server = http.createServer((req, res) => {
    if (front.handles(req)) return void front.handle(req, res);
    res.writeHead(404).end('next.js');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

/** Waits (up to 30 s: a loaded CI machine) until `n` threads are ready. */
async function untilReady(n: number): Promise<void> {
  for (const start = Date.now(); front.ready() < n && Date.now() - start < 30_000; ) await new Promise((r) => setTimeout(r, 25));
  expect(front.ready()).toBe(n);
}

afterAll(async () => {
  process.env.DATABASE_URL = saved;
  server?.close();
  await front?.close();
});

const SEARCHES = [
  'q=nguyen%20van',
  'q=Nguy%E1%BB%85n%20V%C4%83n',
  'q=%C4%91%E1%BB%A9c',
  'q=nguyen&kind=individual&page=2',
  'q=tan%20phong&year=2024',
  'q=nguyen&unit=phuong-tan-phong',
  'q=%22%2A%20NEAR(&page=abc&year=x&kind=y',
  'q=%00%FF',
  '',
];

describe('the search API on worker threads', () => {
  it('answers what the route answers, with its headers', async () => {
    for (const search of SEARCHES) {
      const res = await fetch(`${base}/api/public/search${search ? `?${search}` : ''}`, { headers: { 'accept-encoding': 'identity' } });
      expect(res.status, search).toBe(200);
      expect(await res.json(), search).toEqual(JSON.parse(JSON.stringify(await publicSearchAnswer(db, new URLSearchParams(search)))));
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const found = (await (await fetch(`${base}/api/public/search?q=nguyen`)).json()) as { total: number };
    expect(found.total).toBeGreaterThan(0);
    const https = await fetch(`${base}/api/public/search?q=nguyen`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it('compresses a larger answer when the client accepts gzip, and sends no body to HEAD', async () => {
    const expected = JSON.parse(JSON.stringify(await publicSearchAnswer(db, new URLSearchParams('q=nguyen'))));
    const gz = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/api/public/search?q=nguyen`, { headers: { 'accept-encoding': 'gzip' } }, resolve));
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    const chunks: Buffer[] = [];
    for await (const c of gz) chunks.push(c as Buffer);
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8'))).toEqual(expected);
    const head = await fetch(`${base}/api/public/search?q=nguyen`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('finds a change at once: nothing is cached', async () => {
    const hit = (await (await fetch(`${base}/api/public/search?q=nguyen`)).json()) as { results: Array<{ id: string }> };
    const first = hit.results[0].id;
    const award = (await one<{ id: number }>(db, sql`SELECT id FROM awards WHERE public_id = ${first}`))!;
    await unindexAward(db, award.id); // as a revocation's transaction does
    const after = (await (await fetch(`${base}/api/public/search?q=nguyen`)).json()) as { results: Array<{ id: string }> };
    expect(after.results.map((r) => r.id)).not.toContain(first);
  });

  it('takes only GET and HEAD of its own path: anything else is left to Next.js', async () => {
    expect(isSearchRequest({ method: 'GET', url: '/api/public/search?q=a' })).toBe(true);
    expect(isSearchRequest({ method: 'HEAD', url: '/api/public/search' })).toBe(true);
    for (const [method, url] of [['POST', '/api/public/search?q=a'], ['GET', '/api/public/searchx'], ['GET', '/api/public/search/x'], ['GET', '/search?q=a'], ['GET', '/api/public/rounds']]) {
      expect(isSearchRequest({ method, url }), `${method} ${url}`).toBe(false);
    }
    expect((await fetch(`${base}/api/public/search?q=a`, { method: 'POST' })).status).toBe(404);
  });

  it('replaces a thread that stops, and answers meanwhile from the others', async () => {
    expect(front.ready()).toBe(2);
    const stopped = front.threads()[0];
    await stopped.terminate();
    expect(front.ready()).toBe(1);
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/api/public/search?q=nguyen`)).status).toBe(200);
    await untilReady(2);
    expect(front.threads()[0]).not.toBe(stopped);
  }, 60_000);

  it('starts no thread when told none (SEARCH_WORKERS=0): Next.js answers', async () => {
    expect(await searchFront({ workers: 0 })).toBeNull();
  });
});
