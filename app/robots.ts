import type { MetadataRoute } from 'next';

// Staff pages, sign-in, exports, the private APIs and the bare reference page stay out of search engines;
// the honour rolls, search, statistics and the public JSON API are for everyone.
export default function robots(): MetadataRoute.Robots {
  const base = process.env.PUBLIC_URL?.replace(/\/+$/, '');
  return {
    rules: [{ userAgent: '*', allow: ['/', '/api/public/'], disallow: ['/bare', '/manage', '/en/manage', '/ko/manage', '/login', '/en/login', '/ko/login', '/account', '/en/account', '/ko/account', '/api/'] }],
    ...(base ? { sitemap: `${base}/sitemap.xml` } : {}),
  };
}
