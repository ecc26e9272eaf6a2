import type { MetadataRoute } from 'next';
import { languageAlternates } from '@/lib/i18n/paths';
import { cachedHonouredUnitSlugs, cachedPublishedRounds } from '@/lib/public-cache';
import { siteOrigin } from '@/lib/site-url';

export const dynamic = 'force-dynamic';

/** Home, search, statistics, every published honour roll and every unit with honours, in the three languages. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = await siteOrigin();
  const [rounds, units] = await Promise.all([cachedPublishedRounds(), cachedHonouredUnitSlugs()]);
  const paths = ['/', '/search', '/stats', ...rounds.map((r) => `/rounds/${r.slug}`), ...units.map((u) => `/units/${u}`)];
  return paths.map((p) => {
    const { 'x-default': _default, ...languages } = languageAlternates(p, base);
    return { url: languages.vi, alternates: { languages } };
  });
}
