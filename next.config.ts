import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { MAX_REQUEST_BYTES } from './lib/upload-limits';
import { allowedActionOrigins, HSTS, NON_PAGE_CSP, STATIC_HEADERS } from './lib/security-headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Cached public pages answer a conditional GET with 304 (dynamic pages carry a nonce: never equal).
  generateEtags: true,
  // The one cache of rendered pages, keyed on the public-data version in the database; nothing else.
  cacheHandler: path.resolve('lib/page-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  typedRoutes: false,
  serverExternalPackages: ['@node-rs/argon2'],
  experimental: {
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
  // Pages get their CSP (with a nonce) from proxy.ts; these hold for every response.
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_HEADERS },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: NON_PAGE_CSP }] },
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [HSTS] },
    ];
  },
};

export default withNextIntl(nextConfig);
