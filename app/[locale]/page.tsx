import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { localePath } from '@/lib/i18n/paths';
import { cachedPublishedRounds } from '@/lib/public-cache';
import { HOME_ROUNDS } from '@/lib/public';
import { Term } from '@/components/term';
import { formatDecisionDate } from '@/components/format';
import { SearchBox } from '@/components/search-box';
import { publicMetadata } from '@/lib/site-url';

// Rendered once per change of public data and kept in the page cache (lib/page-cache-handler.mjs); the
// same script-free bytes for everyone (proxy.ts sets its CSP and Cache-Control).
export const dynamic = 'force-static';

export async function generateMetadata({ params }: PageProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const [t, th] = await Promise.all([getTranslations({ locale, namespace: 'common' }), getTranslations({ locale, namespace: 'home' })]);
  const title = `${t('appName')} — ${t('tagline')}`;
  return { ...(await publicMetadata(locale, '/', { title, description: th('intro') })), title: { absolute: title } };
}

export default async function HomePage({ params }: PageProps<'/[locale]'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations('home');
  const all = await cachedPublishedRounds();
  // A nation's thousands of rounds: the newest, and the way to the others (the search's round filter).
  const rounds = all.slice(0, HOME_ROUNDS);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
        <p className="mt-1 text-stone-700">{t('intro')}</p>
      </div>
      <SearchBox locale={locale} />
      {rounds.length === 0 ? (
        <p className="card text-stone-700">{t('empty')}</p>
      ) : (
        <ul className="space-y-4">
          {rounds.map((r) => (
            <li key={r.slug} className="card border-l-4 border-l-gold-400">
              <h2 className="text-lg font-semibold leading-snug">
                <a href={localePath(locale, `/rounds/${r.slug}`)}>{r.title}</a>
              </h2>
              <p className="mt-1 text-sm text-stone-700">
                <Term vi={r.authority} locale={locale} /> · <Term vi={r.awardForm} locale={locale} />
                {r.decisionNumber && r.decisionDate
                  ? ` · ${t('decision', { number: r.decisionNumber, date: formatDecisionDate(r.decisionDate, locale) })}`
                  : null}
              </p>
              <p className="mt-2 font-medium text-brand-700">{t('counts', { collectives: r.collectives, individuals: r.individuals })}</p>
              {r.source === 'archive' ? <p className="mt-1 text-xs text-gold-700">{t('archive')}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {all.length > rounds.length ? (
        <p className="card text-stone-700" data-testid="home-more">
          {t('more', { shown: rounds.length, count: all.length })}{' '}
          <a href={localePath(locale, '/search')}>{t('searchLink')}</a>
        </p>
      ) : null}
    </div>
  );
}
