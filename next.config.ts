import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  generateEtags: false,
  typedRoutes: false,
  serverExternalPackages: ['@node-rs/argon2'],
  // Attachments are up to 10 MB; the form adds a little around the file.
  // Rendered honour rolls are cached in memory only: a new server (or a new database) starts clean.
  experimental: { serverActions: { bodySizeLimit: '11mb' }, isrFlushToDisk: false },
};

export default withNextIntl(nextConfig);
