import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { localePath } from '@/lib/i18n/paths';
import { firstStatRows, type StatRow } from '@/lib/public';
import { cachedStats } from '@/lib/public-cache';
import { publicMetadata } from '@/lib/site-url';
import { BarChart, SERIES_COLOURS, type Bar } from '@/components/bar-chart';

// Rendered once per change of public data and kept in the page cache (lib/page-cache-handler.mjs); the
// same script-free bytes for everyone (proxy.ts sets its CSP and Cache-Control).
export const dynamic = 'force-static';

export async function generateMetadata({ params }: PageProps<'/[locale]/stats'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const [t, tm] = await Promise.all([getTranslations({ locale, namespace: 'publicPages.stats' }), getTranslations({ locale, namespace: 'publicPages.meta' })]);
  return publicMetadata(locale, '/stats', { title: t('title'), description: tm('stats') });
}

/** Counts of published, unrevoked honours: a chart and the same numbers as a table, per grouping. */
export default async function StatsPage({ params }: PageProps<'/[locale]/stats'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, stats] = await Promise.all([getTranslations('publicPages.stats'), cachedStats()]);
  const nf = new Intl.NumberFormat(locale);
  // A nation's rounds and units are thousands: the first STATS_ROWS of each, the others summed in a last row.
  const kindRows = (all: StatRow[], link: (key: string) => string, othersLabel: 'otherRounds' | 'otherUnits', noteText: 'shownRounds' | 'shownUnits') => {
    const { shown, others } = firstStatRows(all);
    const rows = others ? [...shown, { ...others, label: t(othersLabel, { count: others.count }) }] : shown;
    return {
      note: others ? t(noteText, { shown: shown.length, count: all.length }) : null,
      bars: rows.map((r) => ({ label: r.label, values: [r.collectives, r.individuals] })),
      head: [t('name'), t('collectives'), t('individuals'), t('sum')],
      body: rows.map((r) => [r.key ? <a href={link(r.key)}>{r.label}</a> : r.label, r.collectives, r.individuals, r.collectives + r.individuals]),
    };
  };
  const total = stats.total.collectives + stats.total.individuals;
  const sections = [
    { id: 'by-round', title: t('byRound'), legend: true, ...kindRows(stats.byRound, (k) => localePath(locale, `/rounds/${k}`), 'otherRounds', 'shownRounds') },
    { id: 'by-unit', title: t('byUnit'), legend: true, ...kindRows(stats.byUnit, (k) => localePath(locale, `/units/${k}`), 'otherUnits', 'shownUnits') },
    {
      id: 'by-kind',
      title: t('byKind'),
      legend: false,
      note: null,
      bars: [{ label: t('collectives'), values: [stats.total.collectives] }, { label: t('individuals'), values: [0, stats.total.individuals] }] as Bar[],
      head: [t('name'), t('count')],
      body: [[t('collectives'), stats.total.collectives], [t('individuals'), stats.total.individuals]],
    },
    {
      id: 'by-gender',
      title: t('byGender'),
      legend: false,
      note: null,
      bars: stats.byGender.map((g) => ({ label: t(`gender.${g.gender}`), values: [0, g.count] })),
      head: [t('name'), t('count')],
      body: stats.byGender.map((g) => [t(`gender.${g.gender}`), g.count]),
    },
  ];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
        <p className="mt-1 text-stone-700">{t('intro')}</p>
        <p className="mt-2 font-medium text-brand-700" data-testid="stats-total">{t('total', { collectives: stats.total.collectives, individuals: stats.total.individuals })}</p>
      </div>
      {total === 0 ? <p className="card text-stone-700">{t('empty')}</p> : null}
      {total > 0
        ? sections.map((s) => (
            <section key={s.id} aria-labelledby={`${s.id}-heading`} className="card space-y-4">
              <h2 id={`${s.id}-heading`} className="text-xl font-bold text-brand-800">{s.title}</h2>
              {s.legend ? (
                <ul className="flex gap-4 text-sm" aria-hidden="true">
                  {[t('collectives'), t('individuals')].map((l, i) => (
                    <li key={l} className="flex items-center gap-1.5">
                      <span className="inline-block h-3 w-3" style={{ background: SERIES_COLOURS[i] }} />
                      {l}
                    </li>
                  ))}
                </ul>
              ) : null}
              {s.note ? <p className="text-sm text-stone-700" data-testid={`${s.id}-note`}>{s.note}</p> : null}
              <BarChart bars={s.bars} label={t('chart', { title: s.title })} format={nf} />
              <div className="overflow-x-auto">
                <table className="table" data-testid={`${s.id}-table`}>
                  <caption className="sr-only">{s.title}</caption>
                  <thead>
                    <tr>
                      {s.head.map((h, i) => (
                        <th key={h} scope="col" className={i > 0 ? 'text-right' : undefined}>{h}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {s.body.map((cells, r) => (
                      <tr key={r}>
                        {cells.map((c, i) =>
                          i === 0 ? (
                            <th key={i} scope="row" className="font-normal">{c}</th>
                          ) : (
                            <td key={i} className="text-right tabular-nums">{typeof c === 'number' ? nf.format(c) : c}</td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))
        : null}
    </div>
  );
}
