// Security headers. The page CSP carries a fresh nonce per request (set by proxy.ts, which Next.js
// reads to put the nonce on its own scripts); everything else gets fixed headers from next.config.ts.
// Free of server-only and Node APIs: proxy.ts imports it.

/** Content-Security-Policy of an HTML page. Scripts need the nonce; dev mode needs eval for React's tooling. */
export function pageCsp(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and Tailwind set style attributes; styles cannot run code, so inline styles are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Content-Security-Policy of a public page that reaches proxy.ts: a roll filtered by name or ward
 * (`?q=`, `?unit=`), rendered per request with Next.js's scripts under this nonce. 'self' without
 * 'strict-dynamic': the roll's plain file of progressive enhancement (public/live-filter.js) runs too. */
export function publicPageCsp(nonce: string, dev = process.env.NODE_ENV === 'development'): string {
  return pageCsp(nonce, dev).replace(" 'strict-dynamic'", '');
}

/** Content-Security-Policy of the cached public pages, the same for every response (next.config.ts, no
 * proxy.ts): no response of theirs carries an inline script — the page cache strips Next.js's scripts from
 * the render itself (the first request after a change, a 404), lib/page-cache-handler.mjs — and their one
 * script is a plain file of this origin (public/live-filter.js). So `script-src 'self'`: no inline script
 * runs, a stored `<script>` included. `next dev` renders without that cache: its scripts need inline and eval. */
export function cachedPageCsp(dev = process.env.NODE_ENV === 'development'): string {
  return pageCsp('', dev).replace(/ 'nonce-' 'strict-dynamic'/, dev ? " 'unsafe-inline'" : '');
}

/** The public pages rendered once per change of public data and served from the page cache
 * (lib/page-cache-handler.mjs): home, honour rolls, award verification, unit pages, statistics, in every
 * locale. proxy.ts sees them only filtered (`?q=`, `?unit=`) or under `/vi/` (redirected). */
const CACHED_PUBLIC_PAGE = /^(?:\/(?:en|ko|vi))?(?:\/?|\/stats\/?|\/(?:rounds|awards|units)\/[^/]+\/?)$/;

export function isCachedPublicPage(pathname: string): boolean {
  return CACHED_PUBLIC_PAGE.test(pathname);
}

/** A shared cache may keep a public page one second, then asks again with its ETag (a 304 costs the server
 * one indexed read); browsers always ask. A publish or revocation is seen at once from the server, and
 * within a second through a reverse proxy (nginx/vinhdanh.conf). */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=1';

/** For responses that are not pages (API, files): nothing may run or frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";

export const STATIC_HEADERS: Array<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

export const HSTS = { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' };

/** `SERVER_ACTIONS_ALLOWED_ORIGINS=vinhdanh.example.vn,*.example.vn`: hosts a proxy forwards under another name. */
export function allowedActionOrigins(env: Record<string, string | undefined> = process.env): string[] | undefined {
  const list = (env.SERVER_ACTIONS_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}
