// Next.js's page cache (next.config.ts `cacheHandler`): the one cache of rendered public pages. An entry is
// good for one public-data version — a token that triggers in the database move in the same transaction
// as any change to rounds, awards or units (migration 0005_public_version) — and is read here on every
// request (one primary-key read). So a publish, a revocation or a unit rename made by any server process
// is visible at once in every process, and nothing here outlives a write elsewhere.
// Plain JavaScript: Next.js loads it outside its bundles, at start.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PurgeCSS } from 'purgecss';
import htmlSelectors from 'purgecss-from-html';

const MAX_BYTES = Number(process.env.PAGE_CACHE_MB || 64) * 2 ** 20;

/** The one script a public page may keep: a plain file of progressive enhancement (public/live-filter.js),
 * allowed by the CSP's 'self'. */
export const KEPT_SCRIPT = /^<script src="\/live-filter\.js"[^>]*><\/script>$/;

/** Cache keys of the pages rendered under a locale: `…/$/vi`, `…/$/en/rounds/x` (Next.js 16 puts the route's
 * hash before the path), or the plain path. */
const PUBLIC_PAGE_KEY = /(?:^|\/\$)\/(?:vi|en|ko)(?:\/|$)/;

/** Next's scripts (hydration and the React payload that repeats every entry) and their preloads: public
 * pages are server-rendered markup that works without JavaScript, and no inline script runs on them. */
export function stripScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, (tag) => (KEPT_SCRIPT.test(tag) ? tag : ''))
    .replace(/<link\b[^>]*\bas="script"[^>]*\/?>/g, '');
}

/** Next.js's stylesheet links (its Tailwind build of the whole app: ~38 KB, ~8 KB compressed). */
const STYLESHEET_LINK = /<link rel="stylesheet" href="\/_next\/(static\/[\w/.-]+\.css)"[^>]*\/?>/g;

/** The build's files by their path under /_next/, read once per process (a build never changes them). */
export function buildFileReader(distDir = path.resolve('.next')) {
  const files = new Map();
  return (rel) => {
    if (!files.has(rel)) {
      try {
        files.set(rel, fs.readFileSync(path.join(/*turbopackIgnore: true*/ distDir, rel), 'utf8'));
      } catch {
        files.set(rel, null);
      }
    }
    return files.get(rel);
  };
}

/** The stylesheets of a public page, inline and cut to the rules its markup can use: on a phone's first visit
 * the page paints with the HTML alone, without a render-blocking request (Lighthouse, issue 15), and without
 * the app's rules it never uses (the roll: 38 KB of CSS → ~20 KB, ~4 KB compressed). Only the
 * public pages: their CSP allows inline styles ('unsafe-inline' is in style-src, never in script-src), with
 * their scripts stripped no client-side navigation needs another rule, and the one script they keep
 * (public/live-filter.js) takes the stylesheet of the page whose results it swaps in. PurgeCSS keeps a rule
 * when the page has its classes, tags, ids and attributes (states such as :hover and @media print kept);
 * pages with the same of those share one result. A file that cannot be read keeps its link, and CSS that
 * cannot be cut goes in whole. */
export async function inlineStylesheets(html, readFile, memo = new Map()) {
  const links = [...html.matchAll(STYLESHEET_LINK)];
  if (!links.length) return html;
  const page = htmlSelectors(html);
  const styles = await Promise.all(
    links.map(async ([tag, rel]) => {
      if (rel.split('/').includes('..')) return tag;
      const css = readFile(rel);
      if (css == null || /<\/style/i.test(css)) return tag;
      return `<style>${await usedRules(css, page, memo)}</style>`;
    }),
  );
  let i = 0;
  return html.replace(STYLESHEET_LINK, () => styles[i++]);
}

/** The rules of `css` that the page's selectors can match, remembered by those selectors (at most 64 sets). */
async function usedRules(css, page, memo) {
  const values = page.attributes.values.filter((v) => v.length <= 40 && css.includes(v));
  const key = JSON.stringify([css.length, css.slice(0, 64), ...[page.classes, page.ids, page.tags, page.attributes.names, values].map((set) => [...set].sort())]);
  let rules = memo.get(key);
  if (rules === undefined) {
    try {
      const [result] = await new PurgeCSS().purge({
        content: [{ raw: '', extension: 'html' }],
        css: [{ raw: css }],
        extractors: [{ extensions: ['html'], extractor: () => page }],
        variables: true,
        keyframes: true,
        fontFace: true,
      });
      rules = result?.css ?? css;
    } catch {
      rules = css;
    }
    if (memo.size >= 64) memo.delete(memo.keys().next().value);
    memo.set(key, rules);
  }
  return rules;
}

/** The database file of DATABASE_URL, as db/connection.ts reads it. */
function databaseFile(env = process.env) {
  const url = env.DATABASE_URL || 'file:data/vinhdanh.db';
  const p = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return p === ':memory:' ? null : path.resolve(p);
}

/** On PostgreSQL (DATABASE_URL=postgres://…) the same read over a small pool of its own: one round trip. */
export function pgVersionReader(url) {
  let pool = null;
  return async () => {
    try {
      pool ??= new pg.Pool({ connectionString: url, max: 2 }).on('error', () => {});
      const { rows } = await pool.query("SELECT value FROM settings WHERE key = 'public_version'");
      return rows[0]?.value ?? null;
    } catch {
      return null;
    }
  };
}

/** Reads the current public-data version from the database; null when there is none (no database yet,
 * or not migrated), and then nothing is served from or kept in the cache. */
export function versionReader(file) {
  if (file === undefined) {
    const url = process.env.DATABASE_URL ?? '';
    if (/^postgres(ql)?:\/\//i.test(url)) return pgVersionReader(url);
    file = databaseFile();
  }
  let statement = null;
  return () => {
    if (!file) return null;
    try {
      if (!statement) {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        db.pragma('busy_timeout = 5000');
        statement = db.prepare("SELECT value FROM settings WHERE key = 'public_version'").pluck();
      }
      return statement.get() ?? null;
    } catch {
      statement = null;
      return null;
    }
  };
}

/** Next.js makes a handler per request: the pages and the version reader live here, once per process. */
function newState(readVersion = versionReader(), maxBytes = MAX_BYTES, readFile = buildFileReader()) {
  /** store: key → { version, bytes, entry } in least-recently-used order; pending: key → the oldest version
   * seen missing while its render is under way. */
  return { store: new Map(), bytes: 0, pending: new Map(), readVersion, maxBytes, readFile, styles: new Map() };
}
let shared = null;

export default class PageCacheHandler {
  /** `state` for tests (their own version and budget); Next.js passes its options only. */
  constructor(options = {}, state = (shared ??= newState(undefined, undefined, buildFileReader(options.serverDistDir ? path.dirname(options.serverDistDir) : undefined)))) {
    this.state = state;
  }

  static newState = newState;

  get store() {
    return this.state.store;
  }

  get bytes() {
    return this.state.bytes;
  }

  async get(key) {
    const { store, pending } = this.state;
    const version = await this.state.readVersion();
    const hit = store.get(key);
    if (hit && version !== null && hit.version === version) {
      store.delete(key);
      store.set(key, hit);
      return hit.entry;
    }
    if (hit) this.drop(key);
    // The render that follows reads the data of this version or a later one: the entry is kept under the
    // oldest version a miss saw, so a write during the render costs one more render, never a stale page.
    if (version !== null && !pending.has(key)) pending.set(key, version);
    return null;
  }

  async set(key, data) {
    const { store, pending, maxBytes } = this.state;
    const version = pending.get(key) ?? null;
    pending.delete(key);
    if (!data || data.kind !== 'APP_PAGE' || typeof data.html !== 'string') return;
    // Next.js sends this very object as the response to the request that rendered it (the render after a
    // change, a 404): stripped in place, no response of these pages ever carries an inline script, so their
    // static CSP (`script-src 'self'`, next.config.ts) holds for the render too.
    // The public pages, under a locale; /bare, the bench's bare Next.js page, keeps what Next.js made.
    // Their stylesheet goes inline, cut to the page's rules, in the response and the stored copy alike.
    // (Next.js awaits this before it sends the response.)
    if (PUBLIC_PAGE_KEY.test(key)) {
      data.html = stripScripts(data.html);
      data.html = await inlineStylesheets(data.html, this.state.readFile, this.state.styles);
    }
    // Only complete pages: a failed render, a redirect or a 404 (random URLs) is never kept.
    if (version === null || (data.status && data.status !== 200)) return;
    const bytes = data.html.length + (data.rscData?.length ?? 0);
    if (bytes > maxBytes) return;
    this.drop(key);
    while (this.state.bytes + bytes > maxBytes && store.size) this.drop(store.keys().next().value);
    store.set(key, { version, bytes, entry: { value: data, lastModified: Date.now() } });
    this.state.bytes += bytes;
  }

  drop(key) {
    const old = this.state.store.get(key);
    if (!old) return;
    this.state.bytes -= old.bytes;
    this.state.store.delete(key);
  }

  // Tags are not used: the version covers every change, in every process.
  async revalidateTag() {}

  resetRequestCache() {}
}
