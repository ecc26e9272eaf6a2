// What a search worker runs (lib/search-worker.mjs loads it bundled by esbuild): the public search API's
// answer (lib/public-search.ts) on the worker's own connection — SQLite: a read connection of the same file,
// which sees committed data only, as every reader of the app does; PostgreSQL: a pool of its own.
import { openAppDatabase } from '@/db/connection';
import { publicSearchAnswer } from '@/lib/public-search';
import { HSTS, NON_PAGE_CSP, STATIC_HEADERS } from '@/lib/security-headers';

// PostgreSQL: a small pool per thread (a few searches in flight each): the server's own pool is 10, and a
// cluster of N processes must stay well inside the server's max_connections (100 by default).
const db = openAppDatabase(process.env.DATABASE_URL, { pool: 4 });

/** The headers Next.js gives the route's answer (next.config.ts `headers()`: every path, then `/api/…`). */
export const HEADERS: Record<string, string> = {
  ...Object.fromEntries(STATIC_HEADERS.map((h) => [h.key, h.value])),
  'Content-Security-Policy': NON_PAGE_CSP,
  'Content-Type': 'application/json',
};

/** Added behind a TLS proxy (`X-Forwarded-Proto: https`), as next.config.ts does. */
export const HTTPS_HEADERS: Record<string, string> = { [HSTS.key]: HSTS.value };

/** The JSON answer to `/api/public/search?<search>`. */
export async function answer(search: string): Promise<string> {
  return JSON.stringify(await publicSearchAnswer(db, new URLSearchParams(search)));
}
