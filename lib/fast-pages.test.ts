// The stored public pages in front of Next.js (lib/fast-pages.mjs): a fake Next.js handler behind a real
// HTTP server, so the headers and bytes are what a client receives.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chooseEncoding, encodedEtag, fastPages, keyOf, matchesEtag } from './fast-pages.mjs';

const PAGE = `<!DOCTYPE html><html lang="vi"><body>${'<li>Nguyễn Văn An — Giấy khen</li>'.repeat(400)}</body></html>`;
let version: string | null = 'v1';
let body = PAGE;
let calls: string[] = [];
let status = 200;
let cacheControl = 'public, max-age=0, s-maxage=1';
let cookie = false;
let contentType = 'text/html; charset=utf-8';

/** Stands for Next.js: the headers next.config.ts gives a cached public page, an ETag, gzip when asked. */
function fakeNext(req: http.IncomingMessage, res: http.ServerResponse) {
  calls.push(`${req.url} ${req.headers['accept-encoding'] ?? ''}`);
  res.statusCode = status;
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'");
  res.setHeader('Content-Type', contentType);
  res.setHeader('ETag', `"${version}-${body.length}"`);
  res.setHeader('Vary', 'rsc');
  if (cookie) res.setHeader('Set-Cookie', 'a=b');
  if (/gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(zlib.gzipSync(body));
  } else {
    res.write(body.slice(0, 100));
    res.end(body.slice(100));
  }
}

const front = fastPages({ readVersion: () => version, maxBytes: 10 * 2 ** 20 });
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => void front(req, res, fakeNext));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  version = 'v1';
  body = PAGE;
  calls = [];
  status = 200;
  cacheControl = 'public, max-age=0, s-maxage=1';
  cookie = false;
  contentType = 'text/html; charset=utf-8';
  front.store.clear();
});

/** A raw GET (fetch would decompress): status, headers, bytes. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The copy is compressed off the request: wait until it is kept. */
async function kept(n = 1) {
  for (let i = 0; i < 200 && front.store.size < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(front.store.size).toBe(n);
}

describe('stored public pages', () => {
  it('the first request renders; the next ones get the same bytes, compressed once, without Next.js', async () => {
    const first = await get('/rounds/so-ket', { 'accept-encoding': 'gzip, br' });
    expect(first.status).toBe(200);
    // Next.js was asked for the plain page, which is what this first client gets.
    expect(calls).toEqual(['/rounds/so-ket ']);
    expect(first.body.toString()).toBe(PAGE);
    // The response ends once the copy is kept: the client's next request is served from it.
    expect(front.store.size).toBe(1);
    const br = await get('/rounds/so-ket', { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get('/rounds/so-ket', { 'accept-encoding': 'gzip' });
    const plain = await get('/rounds/so-ket');
    expect(calls).toHaveLength(1);
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(PAGE);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(PAGE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(PAGE);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(gz.body.length);
    // Next.js's headers, as it sent them: CSP, shared caching; Vary names the encoding; each encoding its own validator.
    for (const r of [br, gz, plain]) {
      expect(r.headers['content-security-policy']).toBe("default-src 'self'; script-src 'self'");
      expect(r.headers['cache-control']).toBe('public, max-age=0, s-maxage=1');
      expect(r.headers.vary).toBe('rsc, Accept-Encoding');
    }
    expect(plain.headers.etag).toBe(first.headers.etag);
    expect(br.headers.etag).toBe(String(first.headers.etag).replace(/"$/, '-br"'));
    expect(gz.headers.etag).toBe(String(first.headers.etag).replace(/"$/, '-gzip"'));
  });

  it('a shared cache holding the first, plain response that revalidates for brotli gets the brotli bytes, not a 304', async () => {
    // nginx keeps what the first request got (Next.js's plain page) and revalidates it with its ETag, asking for the
    // encoding it wants: a 304 there kept the plain bytes for good, and nginx compressed them on every hit.
    const first = await get('/units/phuong-tan-phong', { 'accept-encoding': 'br' });
    expect(first.headers['content-encoding']).toBeUndefined();
    await kept();
    const etag = String(first.headers.etag);
    const revalidated = await get('/units/phuong-tan-phong', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(revalidated.status).toBe(200);
    expect(revalidated.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(revalidated.body).toString()).toBe(PAGE);
    expect(revalidated.headers.etag).toBe(encodedEtag(etag, 'br'));
    // Its own ETag, weak or strong, gives the 304; the plain page's still does for a client without compression.
    for (const [accept, tag] of [['br', encodedEtag(etag, 'br')], ['gzip', `W/${encodedEtag(etag, 'gzip')}`], ['identity', etag]]) {
      const again = await get('/units/phuong-tan-phong', { 'accept-encoding': accept, 'if-none-match': tag });
      expect([accept, again.status, again.body.length]).toEqual([accept, 304, 0]);
    }
    expect((await get('/units/phuong-tan-phong', { 'accept-encoding': 'gzip', 'if-none-match': encodedEtag(etag, 'br') })).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('answers a conditional GET with 304, and HEAD with headers only', async () => {
    const first = await get('/en/awards/abc');
    await kept();
    const again = await get('/en/awards/abc', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect((await get('/en/awards/abc', { 'if-none-match': '"other"' })).status).toBe(200);
    const head = await get('/en/awards/abc', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(PAGE));
    expect(calls).toHaveLength(1);
  });

  it('a new public-data version (a publish, a revocation, in any process) is served at once', async () => {
    await get('/');
    await kept();
    version = 'v2';
    body = PAGE.replace('Nguyễn Văn An', 'Đã thu hồi');
    const after = await get('/', { 'accept-encoding': 'br' });
    expect(after.body.toString()).toContain('Đã thu hồi');
    expect(calls).toHaveLength(2);
    await kept();
    expect(zlib.brotliDecompressSync((await get('/', { 'accept-encoding': 'br' })).body).toString()).toContain('Đã thu hồi');
    // No version (no database yet): nothing is served from or kept in the store.
    version = null;
    await get('/');
    await get('/');
    expect(calls).toHaveLength(4);
  });

  it('keeps only complete, shared-cacheable public pages', async () => {
    status = 404;
    await get('/rounds/none');
    status = 200;
    cacheControl = 'private, no-store';
    await get('/rounds/private');
    cacheControl = 'public, max-age=0, s-maxage=1';
    cookie = true;
    await get('/rounds/cookie');
    cookie = false;
    await get('/rounds/x?q=nguyen');
    await get('/manage');
    await get('/rounds/x', { rsc: '1' });
    await new Promise((r) => setTimeout(r, 200));
    expect(front.store.size).toBe(0);
    contentType = 'text/plain';
    await get('/rounds/plain');
    contentType = 'text/html; charset=utf-8';
    await new Promise((r) => setTimeout(r, 200));
    expect(front.store.size).toBe(0);
    await get('/rounds/x?page=2');
    await kept();
    expect([...front.store.keys()]).toEqual(['http /rounds/x?page=2']);
  });

  it('keeps the public JSON lists, and serves them without Next.js until the version moves', async () => {
    contentType = 'application/json';
    body = JSON.stringify([{ id: 'ab12', name: 'Nguyễn Văn An' }]);
    await get('/api/public/rounds/so-ket/awards');
    await kept();
    const again = await get('/api/public/rounds/so-ket/awards', { 'accept-encoding': 'gzip' });
    expect(calls).toHaveLength(1);
    expect(again.headers['content-type']).toBe('application/json');
    expect(JSON.parse(zlib.gunzipSync(again.body).toString())).toEqual([{ id: 'ab12', name: 'Nguyễn Văn An' }]);
    version = 'v2';
    await get('/api/public/rounds/so-ket/awards');
    expect(calls).toHaveLength(2);
  });
});

describe('its rules', () => {
  it('takes the public paths only, with no query but a page number', () => {
    const k = (url: string, headers = {}) => keyOf({ method: 'GET', url, headers });
    for (const url of ['/', '/en', '/ko/', '/stats', '/en/stats', '/rounds/so-ket', '/ko/units/phuong-1', '/awards/ab12?page=2']) expect(k(url)).toBe(`http ${url}`);
    for (const url of ['/api/public/rounds', '/api/public/rounds/so-ket/awards']) expect(k(url)).toBe(`http ${url}`);
    for (const url of ['/manage', '/bare', '/api/health', '/rounds/a/b', '/rounds/a?q=x', '/rounds/a?page=0', '/enx', '/vi/rounds/a']) expect(k(url)).toBeNull();
    for (const url of ['/api/public/search?q=an', '/api/public/rounds?page=2', '/api/public/rounds/a', '/api/public/rounds/a/awards/b', '/en/api/public/rounds']) expect(k(url)).toBeNull();
    expect(k('/rounds/a', { 'x-forwarded-proto': 'https' })).toBe('https /rounds/a');
    expect(keyOf({ method: 'POST', url: '/', headers: {} })).toBeNull();
  });

  it('chooses brotli, then gzip, as Accept-Encoding allows', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('*')).toBe('gzip');
  });

  it('matches If-None-Match, weak or strong, in a list', () => {
    expect(matchesEtag('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesEtag('*', '"b"')).toBe(true);
    expect(matchesEtag('"a"', '"b"')).toBe(false);
    expect(matchesEtag(undefined, '"b"')).toBe(false);
  });
});
