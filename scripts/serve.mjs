// The production server (`npm start`, scripts/serve-cluster.ts, the bench): Next.js's own request handler
// behind lib/fast-pages.mjs, which answers the cached public pages from stored, already compressed bytes, and
// lib/search-front.mjs, which answers the public search API on worker threads.
// `node scripts/serve.mjs` after `next build`; PORT (default 3000) and HOSTNAME (default all interfaces).
// Plain JavaScript run by node: the server needs no TypeScript loader.
import http from 'node:http';
import next from 'next';
import { fastPages } from '../lib/fast-pages.mjs';
import { versionReader } from '../lib/page-cache-handler.mjs';
import { searchFront } from '../lib/search-front.mjs';

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;

const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port });
await app.prepare();
const handle = app.getRequestHandler();
const front = fastPages({ readVersion: versionReader(), maxBytes: Number(process.env.PAGE_CACHE_MB || 64) * 2 ** 20 });

const search = await searchFront();

const server = http.createServer((req, res) => {
  Promise.resolve(search?.handles(req) ? search.handle(req, res) : front(req, res, handle)).catch((e) => {
    console.error(e);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
  });
});
// As `next start`: idle keep-alive connections of a proxy in front are kept longer than its own timeout.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▲ Vinh Danh (Next.js) ready on http://${hostname ?? 'localhost'}:${port}`));

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
