// The public pages as stored bytes (issue 15): the server (scripts/serve.mjs) answers a request for a cached
// public page — home, statistics, a roll and its later pages, an award, a unit, in vi/en/ko — and for the
// public JSON of the rounds and of a round's awards from the bytes
// Next.js sent for the same URL, compressed once (brotli and gzip) instead of on every response, while the
// public-data version in the database is the one they were rendered under. Any other request, and the first
// one after a change, goes to Next.js, whose response is kept. The version is read on every request (one
// primary-key read, lib/page-cache-handler.mjs), so a publish or a revocation made by any process is
// served at once by every process.
// Plain JavaScript: the server loads it before Next.js, without a bundler.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** The cached public pages' paths (next.config.ts: their rewrites and headers). */
const PUBLIC_PATH = /^(?:\/(?:en|ko))?(?:\/|\/stats|\/(?:rounds|awards|units)\/[^/?#]+)?$/;
/** The public JSON API's lists: the published rounds, and a round's awards (app/api/public/rounds). */
const PUBLIC_API = /^\/api\/public\/rounds(?:\/[^/?#]+\/awards)?$/;
/** What may be kept: a page, or that JSON. */
const KEPT_TYPE = /^(?:text\/html|application\/json)\b/;
/** Their only query: a later page of a roll or a unit (`?page=3`). A filter (`?q=`, `?unit=`) is per request. */
const PAGE_QUERY = /^page=[1-9][0-9]{0,5}$/;
/** Headers Next.js sets per response, or that this module sets itself. */
const PER_RESPONSE = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'date', 'connection', 'keep-alive', 'etag', 'vary']);

/** The key of a request this module may answer, or null: GET/HEAD of a public path, no client-router headers. */
export function keyOf(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (PUBLIC_API.test(path) ? q !== -1 : !PUBLIC_PATH.test(path) || (q !== -1 && !PAGE_QUERY.test(url.slice(q + 1)))) return null;
  const h = req.headers;
  // React's client router asks the same URL for its payload: that is Next.js's to answer.
  if (h.rsc !== undefined || h['next-router-state-tree'] !== undefined || h['next-router-prefetch'] !== undefined || h['next-action'] !== undefined) return null;
  // Behind a TLS proxy the response carries HSTS (next.config.ts): kept apart from plain-HTTP responses.
  return `${h['x-forwarded-proto'] === 'https' ? 'https' : 'http'} ${url}`;
}

/** Whether Accept-Encoding allows gzip (by name or `*`; a `;q=0` refuses one). */
export function acceptsGzip(acceptEncoding = '') {
  const accepted = acceptedEncodings(acceptEncoding);
  return accepted.has('gzip') || accepted.has('*');
}

/** The encoding to send: brotli, gzip or none, as Accept-Encoding allows. */
export function chooseEncoding(acceptEncoding = '') {
  if (acceptedEncodings(acceptEncoding).has('br')) return 'br';
  return acceptsGzip(acceptEncoding) ? 'gzip' : null;
}

function acceptedEncodings(acceptEncoding) {
  const accepted = new Set();
  for (const part of String(acceptEncoding).toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p))) continue;
    accepted.add(name.trim());
  }
  return accepted;
}

/** The ETag of a page's `encoding` (br, gzip; null: the plain bytes, Next.js's own ETag): `"x"` → `"x-br"`. */
export function encodedEtag(etag, encoding) {
  return encoding ? etag.replace(/"$/, `-${encoding}"`) : etag;
}

/** Whether If-None-Match names this ETag (weak or strong, in a list, or `*`). */
export function matchesEtag(ifNoneMatch, etag) {
  if (!ifNoneMatch || !etag) return false;
  const bare = (t) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * `readVersion`: the public-data version now (lib/page-cache-handler.mjs's versionReader); `maxBytes`: the
 * budget of kept pages (least recently used go first). Returns the request listener's front: call it with
 * the request, the response and Next.js's handler.
 */
export function fastPages({ readVersion, maxBytes = 64 * 2 ** 20 }) {
  /** key → { version, etag, headers, identity, gzip, br, bytes } in least-recently-used order. */
  const store = new Map();
  /** Keys whose copy is being made: the requests that meet one go to Next.js meanwhile, uncopied. */
  const pending = new Set();
  let bytes = 0;

  function drop(key) {
    const old = store.get(key);
    if (!old) return;
    bytes -= old.bytes;
    store.delete(key);
  }

  function keep(key, entry) {
    if (entry.bytes > maxBytes) return;
    drop(key);
    while (bytes + entry.bytes > maxBytes && store.size) drop(store.keys().next().value);
    store.set(key, entry);
    bytes += entry.bytes;
  }

  function send(req, res, entry) {
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    // Each encoding is its own representation with its own validator: a shared cache holding the plain page (the
    // first response, below) that revalidates for brotli gets the brotli bytes, not a 304 keeping the plain ones.
    const etag = encodedEtag(entry.etag, encoding);
    const headers = { ...entry.headers, etag, vary: entry.vary };
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const body = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.identity;
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /**
   * Passes the request to Next.js and keeps a complete public page or list it answers with (a 200, shared-cacheable).
   * Next.js sends it uncompressed, under its own ETag — the plain bytes' (`send` gives the compressed copies theirs) —
   * and the response ends once the copies are kept, so the client's next request is served from them.
   */
  function capture(req, res, key, version, next) {
    // Uncompressed as well while the copy is made, so that Next.js's ETag always names the plain bytes.
    delete req.headers['accept-encoding'];
    if (pending.has(key)) return next(req, res);
    pending.add(key);
    const chunks = [];
    const write = res.write;
    const end = res.end;
    const add = (chunk, encoding) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'));
    };
    res.write = function (chunk, encoding, cb) {
      add(chunk, encoding);
      return write.call(this, chunk, encoding, cb);
    };
    res.end = function (chunk, encoding, cb) {
      add(chunk, encoding);
      res.write = write;
      res.end = end;
      const h = res.getHeaders();
      const etag = h.etag;
      if (!(req.method === 'GET' && res.statusCode === 200 && etag && /^public\b/.test(String(h['cache-control'] ?? '')) && !h['set-cookie'] && KEPT_TYPE.test(String(h['content-type'] ?? '')))) {
        pending.delete(key);
        return end.call(this, chunk, encoding, cb);
      }
      const identity = Buffer.concat(chunks);
      const headers = {};
      for (const [name, value] of Object.entries(h)) if (!PER_RESPONSE.has(name)) headers[name] = value;
      const vary = [...new Set([...String(h.vary ?? '').split(','), 'Accept-Encoding'].map((v) => v.trim()).filter(Boolean))].join(', ');
      // The last bytes go out once the copies are kept (compressed off the event loop: a roll's brotli takes a while).
      Promise.all([
        gzip(identity, { level: 9 }),
        brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      ])
        .then(
          ([gz, br]) => keep(key, { version, etag: String(etag), headers, vary, identity, gzip: gz, br, bytes: identity.length + gz.length + br.length }),
          () => {},
        )
        .finally(() => {
          pending.delete(key);
          end.call(this, chunk, encoding, cb);
        });
      return this;
    };
    res.on('close', () => {
      if (!res.writableFinished) pending.delete(key);
    });
    return next(req, res);
  }

  async function handle(req, res, next) {
    const key = keyOf(req);
    if (!key) return next(req, res);
    const version = await readVersion();
    const hit = store.get(key);
    if (hit && version !== null && hit.version === version) {
      store.delete(key);
      store.set(key, hit);
      return send(req, res, hit);
    }
    if (hit) drop(key);
    // Kept under the version read before the render: a write during it costs one more render, never a stale page.
    if (version === null) return next(req, res);
    return capture(req, res, key, version, next);
  }

  handle.store = store;
  return handle;
}
