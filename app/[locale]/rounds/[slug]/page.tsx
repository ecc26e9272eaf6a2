import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { localePath } from '@/lib/i18n/paths';
import { rollPage, type PublicAward } from '@/lib/public';
import { cachedRound } from '@/lib/public-cache';
import { publicMetadata } from '@/lib/site-url';
import { formatDecisionDate } from '@/components/format';
import { PublicPagination } from '@/components/public-pagination';
import { RoundStory } from '@/components/round-story';
import { getPublicRoundStory } from '@/lib/round-story';

// Rendered once per change of public data and kept in the page cache (lib/page-cache-handler.mjs); the
// same script-free bytes for everyone (proxy.ts sets its CSP and Cache-Control).
export const dynamic = 'force-static';

export async function generateMetadata({ params }: PageProps<'/[locale]/rounds/[slug]'>): Promise<Metadata> {
  const { locale, slug } = await params;
  const data = await cachedRound(slug);
  if (!data || !hasLocale(routing.locales, locale)) return {};
  const { round } = data;
  const t = await getTranslations({ locale, namespace: 'publicPages.meta' });
  return publicMetadata(locale, `/rounds/${slug}`, {
    title: round.title,
    description: t('round', { authority: round.authority, collectives: round.collectives, individuals: round.individuals, form: round.awardForm, period: round.period }),
    type: 'article',
    // The first ceremony photo previews the page where it is shared (1200×630, resized on upload).
    images: (getPublicRoundStory(slug)?.photos ?? []).slice(0, 1).map((p) => ({ url: p.og, width: 1200, height: 630, alt: p.alt })),
  });
}

export default async function RoundPage({ params }: PageProps<'/[locale]/rounds/[slug]'>) {
  // `n`: the page number of /rounds/[slug]/page/[n], where proxy.ts sends `?page=n`.
  const { locale, slug, n } = (await params) as { locale: string; slug: string; n?: string };
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const data = await cachedRound(slug);
  if (!data) notFound();
  const { round, awards } = data;
  const t = await getTranslations('round');
  const story = getPublicRoundStory(slug);
  // A district's roll fits one page; a city's or a nation's runs to thousands of entries, which a
  // phone should not download at once: pages of ROLL_PAGE entries, collectives first, in the decision's order.
  const { page, pageCount, shown } = rollPage(awards, n);
  // A page past the end is not found (and never cached), not a copy of the last one.
  if (n !== undefined && String(page) !== n) notFound();
  const collectives = shown.filter((a) => a.kind === 'collective');
  const individuals = shown.filter((a) => a.kind === 'individual');
  const totals = { collectives: round.collectives, individuals: round.individuals };
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <p className="no-print text-sm">
          <a href={localePath(locale, '/')}>← {t('backHome')}</a>
        </p>
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{round.title}</h1>
        <ul className="grid gap-1 text-sm text-stone-700 sm:grid-cols-2">
          {round.decisionNumber && round.decisionDate ? (
            <li className="font-semibold text-stone-900 sm:col-span-2">
              {t('decision', { number: round.decisionNumber, date: formatDecisionDate(round.decisionDate, locale) })}
            </li>
          ) : null}
          <li>{t('authority', { authority: round.authority })}</li>
          <li>{t('awardForm', { form: round.awardForm })}</li>
          <li>{t('period', { period: round.period })}</li>
          <li>{t('theme', { theme: round.theme })}</li>
        </ul>
        {round.source === 'archive' ? <p className="text-sm text-gold-700">{t('archive')}</p> : null}
      </header>
      {story && page === 1 ? <RoundStory story={story} heading={(await getTranslations('roundStory'))('ceremony')} /> : null}
      {collectives.length || (page === 1 && !totals.collectives) ? (
        <AwardList id="collectives" title={t('collectives', { count: totals.collectives })} empty={t('noCollectives')} awards={collectives} locale={locale} />
      ) : null}
      {individuals.length || (page === pageCount && !totals.individuals) ? (
        <AwardList id="individuals" title={t('individuals', { count: totals.individuals })} empty={t('noIndividuals')} awards={individuals} locale={locale} />
      ) : null}
      <PublicPagination path={localePath(locale, `/rounds/${slug}`)} query={{}} page={page} pageCount={pageCount} format={new Intl.NumberFormat(locale)} />
    </article>
  );
}

function AwardList({ id, title, empty, awards, locale }: { id: string; title: string; empty: string; awards: PublicAward[]; locale: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="border-b-2 border-gold-400 pb-1 text-xl font-bold text-brand-800">
        {title}
      </h2>
      {awards.length === 0 ? (
        <p className="text-stone-700">{empty}</p>
      ) : (
        <ol className="roll space-y-3" data-testid={`${id}-list`}>
          {awards.map((a) => (
            <li key={a.id}>
              <span aria-hidden="true">{a.ordinal}.</span>
              <div>
                <p><a href={localePath(locale, `/awards/${a.id}`)} className="target text-stone-900">{a.name}</a></p>
                <p>
                  {a.position ? `${a.position} · ` : null}
                  <a href={localePath(locale, `/units/${a.unitSlug}`)} className="target text-stone-700 underline decoration-stone-400">{a.unit}</a>
                </p>
                {a.summary ? <p>{a.summary}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
