import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { MAX_REQUEST_BYTES } from './lib/upload-limits';
import { allowedActionOrigins, cachedPageCsp, HSTS, NON_PAGE_CSP, PUBLIC_CACHE_CONTROL, STATIC_HEADERS } from './lib/security-headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// The cached public pages (home, stats, rolls, awards, units, in vi/en/ko) are left out of proxy.ts's matcher:
// merely running the proxy cost ~1.3 ms a request, more than serving the stored page. What it did for them is
// here: the locale rewrites of next-intl's `localePrefix: 'as-needed'` (Vietnamese unprefixed), later pages
// as their own cached pages (`?page=3` → `/page/3`), and their headers. A roll filtered by name or ward
// (`?q=`, `?unit=`) still goes through the proxy, which rewrites it to the per-request `/filter` page.
const LOCALE = ':locale(en|ko)';
const PAGE_N = { type: 'query' as const, key: 'page', value: '(?<page>[2-9]|[1-9][0-9]{1,5})' };
const FILTERED = [
  { type: 'query' as const, key: 'q' },
  { type: 'query' as const, key: 'unit' },
];
const CACHED_PAGE_HEADERS = [
  { key: 'Cache-Control', value: PUBLIC_CACHE_CONTROL },
  { key: 'Content-Security-Policy', value: cachedPageCsp() },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Cached public pages answer a conditional GET with 304 (dynamic pages carry a nonce: never equal).
  generateEtags: true,
  // The one cache of rendered pages, keyed on the public-data version in the database; nothing else.
  cacheHandler: path.resolve('lib/page-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  typedRoutes: false,
  // `npm test` type-checks the whole project (tsc, with Next's generated route types) before it builds: the
  // build's own check of the same files (~35 s on two cores) is skipped there only (scripts/test-e2e-both.ts).
  typescript: { ignoreBuildErrors: process.env.VINHDANH_TYPECHECKED === '1' },
  serverExternalPackages: ['@node-rs/argon2'],
  experimental: {
    // Turbopack keeps its build cache in .next/cache for the next `next build` here. A CI run builds once on a
    // fresh clone: writing the cache cost 11–15 s of a 45 s build and is never read (.ci/run sets CI=true).
    turbopackFileSystemCacheForBuild: !process.env.CI,
    // proxy.ts runs on /manage form posts; Next buffers a proxied body only up to this size (10 MB by
    // default, which cut 10 MB attachments and 20 MB imports short). Larger bodies proxy.ts refuses (413).
    proxyClientMaxBodySize: MAX_REQUEST_BYTES,
    serverActions: {
      // The largest form is a 20 MB import; lib/ refuses an attachment over 10 MB with its own message.
      bodySizeLimit: MAX_REQUEST_BYTES,
      // Next.js refuses actions whose Origin differs from the Host; behind a proxy that renames the
      // host, list the public host(s) here.
      allowedOrigins: allowedActionOrigins(),
    },
  },
  async rewrites() {
    return {
      beforeFiles: [
        { source: '/:kind(rounds|units)/:slug', has: [PAGE_N], missing: FILTERED, destination: '/vi/:kind/:slug/page/:page' },
        { source: `/${LOCALE}/:kind(rounds|units)/:slug`, has: [PAGE_N], missing: FILTERED, destination: '/:locale/:kind/:slug/page/:page' },
        { source: '/', destination: '/vi' },
        { source: '/stats', destination: '/vi/stats' },
        { source: '/:kind(rounds|awards|units)/:slug', missing: FILTERED, destination: '/vi/:kind/:slug' },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  // Dynamic pages get their CSP (with a nonce) from proxy.ts; the cached public pages theirs here (static,
  // no inline script can run); the rest hold for every response.
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_HEADERS },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: NON_PAGE_CSP }] },
      { source: `/${LOCALE}?`, headers: CACHED_PAGE_HEADERS },
      { source: `/${LOCALE}?/stats`, headers: CACHED_PAGE_HEADERS },
      { source: `/${LOCALE}?/:kind(rounds|awards|units)/:slug`, missing: FILTERED, headers: CACHED_PAGE_HEADERS },
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [HSTS] },
    ];
  },
};

export default withNextIntl(nextConfig);
