// The public search API on worker threads (issue 15: search p99 under 50 ms at a nation's scale). The
// production server (scripts/serve.mjs) answers `GET /api/public/search?…` here, before Next.js: each search
// runs in one of a few worker threads (lib/search-worker.mjs, one read connection each), so searches use
// every core and none waits behind a page render on the main thread, and Next.js's routing (~2 ms a request)
// is skipped. The answer is the route's own (lib/public-search.ts, the same headers). Nothing is cached: every
// search reads the database, so a publish or a revocation is found at once by every process.
// SEARCH_WORKERS: how many threads (default 2, 1 on a single core); 0 leaves the path to Next.js's route.
// Plain JavaScript: the server loads it before Next.js, without a bundler.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundleModule } from './bundle-module.mjs';
import { acceptsGzip } from './fast-pages.mjs';

const PATH = '/api/public/search';

/** Whether this is a request the workers answer: GET or HEAD of the search API. */
export function isSearchRequest(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  return url === PATH || url.startsWith(`${PATH}?`);
}

/** Starts `workers` search threads; resolves once one is ready. Null when there are none to start. */
export async function searchFront({ workers = defaultWorkers(), log = console } = {}) {
  if (!(workers > 0)) return null;
  let file;
  try {
    file = await bundleModule('lib/search-work.ts');
  } catch {
    file = null; // no esbuild, or a read-only node_modules: the worker loads the sources through tsx
  }
  const slots = [];
  let ids = 0;
  let headers = null;
  let httpsHeaders = {};
  let closing = false;
  let failures = 0;
  let firstReady;
  const ready = new Promise((resolve) => (firstReady = resolve));

  function start(slot) {
    const worker = new Worker(new URL('./search-worker.mjs', import.meta.url), { workerData: { file } });
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (m) => {
      if (m.ready) {
        slot.ready = true;
        failures = 0;
        headers = m.headers;
        httpsHeaders = m.httpsHeaders;
        firstReady(true);
        return;
      }
      const waiting = slot.pending.get(m.id);
      if (!waiting) return;
      slot.pending.delete(m.id);
      waiting(m);
    });
    worker.on('error', (e) => log.error('search worker failed:', e));
    worker.on('exit', () => {
      slot.ready = false;
      for (const waiting of slot.pending.values()) waiting({ error: 'the search worker stopped' });
      slot.pending.clear();
      // Started again, unless the server is stopping or the workers keep failing (Next.js's route answers then).
      if (!closing && ++failures <= 5) setTimeout(() => start(slot), 200 * failures).unref();
      else firstReady(false);
    });
  }

  for (let i = 0; i < workers; i++) {
    const slot = { worker: null, ready: false, pending: new Map() };
    slots.push(slot);
    start(slot);
  }
  if (!(await ready)) return null;

  /** The ready worker with the fewest searches in hand. */
  function pick() {
    let best = null;
    for (const s of slots) if (s.ready && (!best || s.pending.size < best.pending.size)) best = s;
    return best;
  }

  return {
    /** Whether a worker can take `req` now (else it goes to Next.js's route, which answers the same). */
    handles: (req) => isSearchRequest(req) && pick() !== null,
    async handle(req, res) {
      const slot = pick();
      const url = req.url ?? '';
      const q = url.indexOf('?');
      const id = ++ids;
      const m = await new Promise((resolve) => {
        slot.pending.set(id, resolve);
        slot.worker.postMessage({ id, search: q === -1 ? '' : url.slice(q + 1), gzip: acceptsGzip(req.headers['accept-encoding']) });
      });
      if (m.error) {
        log.error('search failed:', m.error);
        if (!res.headersSent) res.writeHead(500, { ...headers, 'Cache-Control': 'no-store' });
        res.end(JSON.stringify({ error: 'internal' }));
        return;
      }
      const body = typeof m.body === 'string' ? Buffer.from(m.body) : Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
      const out = { ...headers, ...(req.headers['x-forwarded-proto'] === 'https' ? httpsHeaders : {}), Vary: 'Accept-Encoding', 'Content-Length': body.length };
      if (m.encoding) out['Content-Encoding'] = m.encoding;
      res.writeHead(200, out);
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    /** How many threads can take a search now; `threads()`: the threads themselves (tests, monitoring). */
    ready: () => slots.filter((s) => s.ready).length,
    threads: () => slots.map((s) => s.worker),
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}

/** Two threads on a machine of two cores or more, one on a single core. */
function defaultWorkers() {
  const configured = process.env.SEARCH_WORKERS;
  if (configured !== undefined && configured !== '') return Math.max(0, Math.floor(Number(configured)) || 0);
  return Math.min(2, os.availableParallelism());
}
