import type { MetadataRoute } from 'next';
import { headers } from 'next/headers';
import { listPublishedRounds } from '@/lib/public';

export const dynamic = 'force-dynamic';

/** Home and every published honour roll, in the three languages. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const h = await headers();
  const base = process.env.PUBLIC_URL?.replace(/\/+$/, '') || `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  const paths = ['', ...listPublishedRounds().map((r) => `/rounds/${r.slug}`)];
  return paths.map((p) => ({
    url: `${base}${p || '/'}`,
    alternates: { languages: { vi: `${base}${p || '/'}`, en: `${base}/en${p}`, ko: `${base}/ko${p}` } },
  }));
}
