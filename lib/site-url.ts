// The public origin of the site: PUBLIC_URL when set, else the address the page was requested on — except on
// the cached public pages, which are shared by every client and so never take a client's Host header (it
// would poison the cache): there it is PUBLIC_URL, else this server's own address.
import 'server-only';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { languageAlternates, localePath, OG_LOCALES } from '@/lib/i18n/paths';

export async function siteOrigin(): Promise<string> {
  const fixed = process.env.PUBLIC_URL?.replace(/\/+$/, '');
  if (fixed) return fixed;
  const h = await headers();
  return `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host') ?? `localhost:${process.env.PORT || 3000}`}`;
}

/** Metadata shared by public pages: canonical URL, hreflang alternates and Open Graph in the page's language. */
export async function publicMetadata(locale: string, path: string, m: { title: string; description: string; type?: 'website' | 'article'; images?: Array<{ url: string; width: number; height: number; alt: string }> }): Promise<Metadata> {
  const base = await siteOrigin();
  const url = `${base}${localePath(locale, path)}`;
  return {
    title: m.title,
    description: m.description,
    alternates: { canonical: url, languages: languageAlternates(path, base) },
    openGraph: {
      type: m.type ?? 'website',
      url,
      title: m.title,
      description: m.description,
      siteName: 'Vinh Danh',
      locale: OG_LOCALES[locale] ?? locale,
      alternateLocale: Object.entries(OG_LOCALES).filter(([l]) => l !== locale).map(([, v]) => v),
      // Absolute: a crawler resolves nothing relative.
      ...(m.images?.length ? { images: m.images.map((i) => ({ ...i, url: `${base}${i.url}` })) } : {}),
    },
    ...(m.images?.length ? { twitter: { card: 'summary_large_image' as const, images: m.images.map((i) => `${base}${i.url}`) } } : {}),
  };
}
