import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StaticNotFound } from '../../static-not-found';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { localePath } from '@/lib/i18n/paths';
import { filterRoll, parseRollFilter, rollAreas, rollPage, MAX_ROLL_QUERY, ROLL_PAGE, type RollAward } from '@/lib/public';
import { cachedRound } from '@/lib/public-cache';
import { siteIdentity } from '@/lib/site-identity';
import { publicMetadata } from '@/lib/site-url';
import { formatDecisionDate } from '@/components/format';
import { PublicPagination } from '@/components/public-pagination';
import { Term, termText } from '@/components/term';
import { RoundStory } from '@/components/round-story';
import { getPublicRoundStory } from '@/lib/round-story';

// Rendered once per change of public data and kept in the page cache (lib/page-cache-handler.mjs): the same
// script-free bytes for everyone. A filtered roll (?q=, ?unit=) is the same component rendered per request at
// ./filter (proxy.ts rewrites it there), since a static page has no search parameters.
export const dynamic = 'force-static';

export async function generateMetadata({ params }: PageProps<'/[locale]/rounds/[slug]'>): Promise<Metadata> {
  const { locale, slug } = await params;
  const data = await cachedRound(slug);
  if (!data || !hasLocale(routing.locales, locale)) return {};
  const { round } = data;
  const t = await getTranslations({ locale, namespace: 'publicPages.meta' });
  return publicMetadata(locale, `/rounds/${slug}`, {
    title: round.title,
    description: t('round', {
      authority: termText(round.authority, locale),
      collectives: round.collectives,
      individuals: round.individuals,
      form: termText(round.awardForm, locale),
      period: round.period,
    }),
    type: 'article',
    // The first ceremony photo previews the page where it is shared (1200×630, resized on upload).
    images: ((await getPublicRoundStory(slug))?.photos ?? []).slice(0, 1).map((p) => ({ url: p.og, width: 1200, height: 630, alt: p.alt })),
  });
}

export default async function RoundPage({ params, searchParams }: PageProps<'/[locale]/rounds/[slug]'>) {
  // `n`: the page number of /rounds/[slug]/page/[n], where next.config.ts sends `?page=n` of an unfiltered roll.
  const { locale, slug, n } = (await params) as { locale: string; slug: string; n?: string };
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const data = await cachedRound(slug);
  if (!data) return <StaticNotFound />;
  const { round, awards } = data;
  const [t, tv] = await Promise.all([getTranslations('round'), getTranslations('rollView')]);
  const query = await searchParams;
  const filter = parseRollFilter(query);
  const areas = rollAreas(awards);
  if (filter.unit && !areas.some((a) => a.slug === filter.unit)) filter.unit = null;
  const matching = filterRoll(awards, filter);
  const filtered = matching !== awards;
  // A district's roll fits one page; a city's or a nation's runs to thousands of entries, which a
  // phone should not download at once: pages of ROLL_PAGE entries, collectives first, in the decision's order.
  const asked = n ?? (typeof query.page === 'string' ? query.page : undefined);
  const { page, pageCount, shown } = rollPage(matching, asked);
  // A page past the end is not found (and never cached), not a copy of the last one.
  if (n !== undefined && String(page) !== n) return <StaticNotFound />;
  const story = await getPublicRoundStory(slug);
  const collectives = shown.filter((a) => a.kind === 'collective');
  const individuals = shown.filter((a) => a.kind === 'individual');
  const path = localePath(locale, `/rounds/${slug}`);
  const keep = { q: filter.q || undefined, unit: filter.unit ?? undefined };
  const totals = filtered
    ? { collectives: matching.filter((a) => a.kind === 'collective').length, individuals: matching.filter((a) => a.kind === 'individual').length }
    : { collectives: round.collectives, individuals: round.individuals };
  // The jump links lead to the page where each part starts (collectives come first).
  const firstIndividualPage = rollPage(matching, String(Math.floor(totals.collectives / ROLL_PAGE) + 1)).page;
  const jump = (id: string, onPage: number) => {
    if (onPage === page) return `#${id}`;
    const qs = new URLSearchParams(Object.entries({ ...keep, page: String(onPage) }).filter((e): e is [string, string] => !!e[1]));
    return `${path}?${qs}#${id}`;
  };
  const nf = new Intl.NumberFormat(locale);
  return (
    <article className="space-y-6">
      <OfficialHeading />
      <header className="space-y-2">
        <p className="no-print text-sm">
          <a href={localePath(locale, '/')}>← {t('backHome')}</a>
        </p>
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{round.title}</h1>
        <ul className="roll-facts">
          {round.decisionNumber && round.decisionDate ? (
            <li>{t('decision', { number: round.decisionNumber, date: formatDecisionDate(round.decisionDate, locale) })}</li>
          ) : null}
          <li>{tv('authorityLabel')}: <Term vi={round.authority} locale={locale} /></li>
          <li>{tv('formLabel')}: <Term vi={round.awardForm} locale={locale} /></li>
          <li>{t('period', { period: round.period })}</li>
          <li>{t('theme', { theme: round.theme })}</li>
        </ul>
        {round.source === 'archive' ? <p className="text-sm text-gold-700">{t('archive')}</p> : null}
      </header>
      {story && page === 1 && !filtered ? <RoundStory story={story} heading={(await getTranslations('roundStory'))('ceremony')} /> : null}
      <nav aria-label={tv('jump')} className="roll-jump no-print">
        <a href={jump('collectives', 1)}>{tv('jumpCollectives')} ({nf.format(totals.collectives)})</a>
        <a href={jump('individuals', firstIndividualPage)}>{tv('jumpIndividuals')} ({nf.format(totals.individuals)})</a>
      </nav>
      <form id="roll-filter" data-live-filter="" role="search" aria-label={tv('filter')} action={path} method="get" className="roll-filter no-print">
        <div>
          <label htmlFor="roll-q" className="label">{tv('nameLabel')}</label>
          <input id="roll-q" name="q" type="search" defaultValue={filter.q} maxLength={MAX_ROLL_QUERY} placeholder={tv('namePlaceholder')} autoComplete="off" spellCheck={false} className="field" />
        </div>
        <div>
          <label htmlFor="roll-unit" className="label">{tv('areaLabel')}</label>
          <select id="roll-unit" name="unit" defaultValue={filter.unit ?? ''} className="field">
            <option value="">{tv('allAreas', { count: nf.format(awards.length) })}</option>
            {areas.map((a) => (
              <option key={a.slug} value={a.slug}>{a.name} ({nf.format(a.count)})</option>
            ))}
          </select>
        </div>
        <div className="roll-filter-actions">
          <button type="submit" className="btn-primary">{tv('apply')}</button>
          {filtered ? <a href={path} className="btn-secondary">{tv('clear')}</a> : null}
        </div>
      </form>
      {/* With JavaScript, the results below follow the typing: a plain file, the one script a public page keeps. */}
      <script src="/live-filter.js" defer />
      <div data-live-region="" className="space-y-6">
      {filtered ? (
        <p role="status" className="no-print font-medium text-brand-700" data-testid="roll-filter-status">
          {matching.length ? tv('shown', { shown: nf.format(matching.length), total: nf.format(awards.length) }) : tv('noMatch')}
        </p>
      ) : null}
      {collectives.length || (page === 1 && !totals.collectives && !filtered) ? (
        <AwardList id="collectives" title={t('collectives', { count: totals.collectives })} empty={t('noCollectives')} awards={collectives} locale={locale} />
      ) : null}
      {individuals.length || (page === pageCount && !totals.individuals && !filtered) ? (
        <AwardList id="individuals" title={t('individuals', { count: totals.individuals })} empty={t('noIndividuals')} awards={individuals} locale={locale} />
      ) : null}
      <PublicPagination path={path} query={keep} page={page} pageCount={pageCount} format={nf} />
      </div>
    </article>
  );
}

/** The printed list's heading, as on a decision's annex (Decree 30/2020): the issuing authority, the national title
 * and motto, the list's title; the round's title and decision follow. Only on paper; the screen has the banner. */
async function OfficialHeading() {
  const [to, tv] = await Promise.all([getTranslations('official'), getTranslations('rollView')]);
  const { authority } = siteIdentity();
  return (
    <div className="print-heading" data-testid="print-heading">
      <p lang="vi">{authority}</p>
      <p lang="vi">{to('nation')}<br />{to('motto')}</p>
      <p>{tv('listTitle')}</p>
    </div>
  );
}

/** One part of the roll. Entries are plain markup styled by a few rules on `.roll` (app/globals.css): a roll
 * runs to thousands of entries, so nothing is repeated per entry that a rule on the list can say once. */
function AwardList({ id, title, empty, awards, locale }: { id: string; title: string; empty: string; awards: RollAward[]; locale: string }) {
  const prefix = localePath(locale, '/');
  const base = prefix === '/' ? '' : prefix;
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="border-b-2 border-gold-400 pb-1 text-xl font-bold text-brand-800">
        {title}
      </h2>
      {awards.length === 0 ? (
        <p className="text-stone-700">{empty}</p>
      ) : (
        <ol className="roll" data-testid={`${id}-list`}>
          {awards.map((a) => (
            <li key={a.ordinal} value={a.ordinal}>
              <a href={`${base}/awards/${a.id}`}>{a.name}</a>
              <p>
                {a.position ? `${a.position} · ` : null}
                <a href={`${base}/units/${a.unitSlug}`}>{a.unit}</a>
              </p>
              {a.summary ? <p>{a.summary}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
