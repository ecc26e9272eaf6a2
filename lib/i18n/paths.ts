// Locale-prefixed paths without next-intl's client Link (≈ 10 KB of JavaScript on every public page):
// public pages link with plain <a>/next/link and these hrefs. Vietnamese is unprefixed.
import { routing, type Locale } from './routing';

export function localePath(locale: string, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  if (locale === routing.defaultLocale) return p;
  return p === '/' ? `/${locale}` : `/${locale}${p}`;
}

/** hreflang alternates of a public path, for metadata and the sitemap. */
export function languageAlternates(path: string, base = ''): Record<Locale | 'x-default', string> {
  const entries = routing.locales.map((l) => [l, `${base}${localePath(l, path)}`] as const);
  return { ...Object.fromEntries(entries), 'x-default': `${base}${localePath(routing.defaultLocale, path)}` } as Record<Locale | 'x-default', string>;
}

export const OG_LOCALES: Record<string, string> = { vi: 'vi_VN', en: 'en_US', ko: 'ko_KR' };
