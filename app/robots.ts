import type { MetadataRoute } from 'next';

// Staff pages, sign-in, exports and APIs stay out of search engines; the honour rolls are for everyone.
export default function robots(): MetadataRoute.Robots {
  const base = process.env.PUBLIC_URL?.replace(/\/+$/, '');
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/manage', '/en/manage', '/ko/manage', '/login', '/en/login', '/ko/login', '/account', '/en/account', '/ko/account', '/api/'] }],
    ...(base ? { sitemap: `${base}/sitemap.xml` } : {}),
  };
}
