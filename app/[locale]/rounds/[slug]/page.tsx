import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { Link } from '@/lib/i18n/navigation';
import { getPublishedRound, listPublishedAwards, type PublicAward } from '@/lib/public';
import { formatDecisionDate } from '@/components/format';

// A published roll changes only through staff actions, and every action revalidates all paths: the
// page is rendered on its first visit and then served from Next's cache (in memory: next.config.ts),
// like a static page. The hour bounds what a change made outside the app could leave stale.
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/rounds/[slug]'>): Promise<Metadata> {
  const { slug } = await params;
  const round = getPublishedRound(slug);
  if (!round) return {};
  return { title: round.title, description: `${round.authority} · ${round.awardForm} · ${round.period}` };
}

export default async function RoundPage({ params }: PageProps<'/[locale]/rounds/[slug]'>) {
  const { locale, slug } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const round = getPublishedRound(slug);
  const awards = round ? listPublishedAwards(slug) : null;
  if (!round || !awards) notFound();
  const t = await getTranslations('round');
  const collectives = awards.filter((a) => a.kind === 'collective');
  const individuals = awards.filter((a) => a.kind === 'individual');
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <p className="no-print text-sm">
          <Link href="/">← {t('backHome')}</Link>
        </p>
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{round.title}</h1>
        <dl className="grid gap-1 text-sm text-stone-700 sm:grid-cols-2">
          {round.decisionNumber && round.decisionDate ? (
            <dd className="font-semibold text-stone-900 sm:col-span-2">
              {t('decision', { number: round.decisionNumber, date: formatDecisionDate(round.decisionDate, locale) })}
            </dd>
          ) : null}
          <dd>{t('authority', { authority: round.authority })}</dd>
          <dd>{t('awardForm', { form: round.awardForm })}</dd>
          <dd>{t('period', { period: round.period })}</dd>
          <dd>{t('theme', { theme: round.theme })}</dd>
        </dl>
        {round.source === 'archive' ? <p className="text-sm text-gold-700">{t('archive')}</p> : null}
      </header>
      <AwardList id="collectives" title={t('collectives', { count: collectives.length })} empty={t('noCollectives')} awards={collectives} />
      <AwardList id="individuals" title={t('individuals', { count: individuals.length })} empty={t('noIndividuals')} awards={individuals} />
    </article>
  );
}

function AwardList({ id, title, empty, awards }: { id: string; title: string; empty: string; awards: PublicAward[] }) {
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
                <p>{a.name}</p>
                <p>{[a.position, a.unit].filter(Boolean).join(' · ')}</p>
                {a.summary ? <p>{a.summary}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
