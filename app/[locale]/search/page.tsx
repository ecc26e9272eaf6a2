import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { localePath } from '@/lib/i18n/paths';
import { searchPublicAwards } from '@/lib/public';
import { cachedSearchOptions, getSearchChoice, type SearchChoiceField } from '@/lib/public-cache';
import { pickerSearches } from '@/lib/unit-picker';
import { parseSearchParams } from '@/lib/search-params';
import { publicMetadata } from '@/lib/site-url';
import { FilterSelect } from '@/components/filter-select';
import { UnitCombobox } from '@/components/unit-combobox';
import { PublicPagination } from '@/components/public-pagination';
import { SearchAsYouType } from '@/components/search-as-you-type';
import { SearchBox } from '@/components/search-box';
import { Highlight } from '@/components/highlight';
import { roundLabel } from '@/lib/search-index';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/search'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const [t, tm] = await Promise.all([getTranslations({ locale, namespace: 'publicPages.search' }), getTranslations({ locale, namespace: 'publicPages.meta' })]);
  return publicMetadata(locale, '/search', { title: t('title'), description: tm('search') });
}

export default async function SearchPage({ params, searchParams }: PageProps<'/[locale]/search'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const { q, filters, page } = parseSearchParams(await searchParams);
  const [t, tk, options] = await Promise.all([getTranslations('publicPages.search'), getTranslations('kind'), cachedSearchOptions()]);
  const result = q.trim() ? await searchPublicAwards(q, filters, page) : null;
  const nf = new Intl.NumberFormat(locale);
  // A filter with more choices than a <select> holds (the staff pickers' bound, UNIT_SELECT_MAX) is found by typing:
  // a nation's two <select>s of 1,761 rounds and 3,550 units made this page 1.7 MB.
  const choiceBox = async (field: SearchChoiceField, value: string | null | undefined) => {
    const selected = await getSearchChoice(field, value);
    return (
      <UnitCombobox
        key={selected?.id ?? ''}
        id={`f-${field}`}
        name={field}
        label={t(field)}
        selected={selected}
        query={{ field }}
        endpoint="/api/public/filters"
        clearable
        labels={{
          placeholder: t(field === 'round' ? 'picker.roundPlaceholder' : 'picker.unitPlaceholder'),
          hint: t('picker.hint'),
          loading: t('picker.loading'),
          results: t.raw('picker.results') as string,
          noMatch: t('picker.noMatch'),
          error: t('picker.error'),
          within: '{parent}',
        }}
      />
    );
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
        <p className="mt-1 text-stone-700">{t('intro')}</p>
      </div>
      <SearchBox locale={locale} query={q} formId="search-form">
        <div className="flex flex-wrap gap-3">
          {pickerSearches(options.rounds.length) ? (
            <div className="w-full sm:w-auto sm:min-w-60 sm:flex-1">{await choiceBox('round', filters.round)}</div>
          ) : (
            <FilterSelect id="f-round" name="round" label={t('round')} allLabel={t('all')} value={filters.round ?? undefined} className="w-full sm:w-auto sm:min-w-60 sm:flex-1"
              options={options.rounds.map((r) => ({ value: r.slug, label: r.title }))} />
          )}
          <FilterSelect id="f-year" name="year" label={t('year')} allLabel={t('all')} value={filters.year ?? undefined} className="min-w-28"
            options={options.years.map((y) => ({ value: y, label: String(y) }))} />
          {pickerSearches(options.units.length) ? (
            <div className="w-full sm:w-auto sm:min-w-48">{await choiceBox('unit', filters.unit)}</div>
          ) : (
            <FilterSelect id="f-unit" name="unit" label={t('unit')} allLabel={t('all')} value={filters.unit ?? undefined} className="w-full sm:w-auto sm:min-w-48"
              options={options.units.map((u) => ({ value: u.slug, label: u.name }))} />
          )}
          <FilterSelect id="f-kind" name="kind" label={t('kind')} allLabel={t('all')} value={filters.kind ?? undefined} className="min-w-32"
            options={[{ value: 'collective', label: tk('collective') }, { value: 'individual', label: tk('individual') }]} />
        </div>
      </SearchBox>
      <SearchAsYouType formId="search-form" />
      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-lg font-semibold" aria-live="polite">
          {!result
            ? t('noQuery')
            : result.total === 0
              ? t('noResults', { query: q })
              : result.more
                ? t('resultsMore', { count: nf.format(result.total), query: q })
                : t('results', { count: result.total, query: q })}
        </h2>
        {result && result.hits.length > 0 ? (
          <ol className="space-y-3" data-testid="search-results" start={(result.page - 1) * result.pageSize + 1}>
            {result.hits.map((h) => (
              <li key={h.id} className="card p-3 sm:p-4">
                <p className="font-semibold">
                  <a href={localePath(locale, `/awards/${h.id}`)} className="target text-stone-900"><Highlight text={h.name} query={q} /></a>
                  <span className="ml-2 badge bg-stone-100 text-stone-700">{tk(h.kind)}</span>
                </p>
                <p className="text-sm text-stone-700">
                  {h.position ? (
                    <>
                      <Highlight text={h.position} query={q} />
                      {' · '}
                    </>
                  ) : null}
                  <a href={localePath(locale, `/units/${h.unitSlug}`)} className="target text-stone-700 underline decoration-stone-400"><Highlight text={h.unit} query={q} /></a>
                </p>
                {h.summary ? <p className="mt-1 text-sm text-stone-800"><Highlight text={h.summary} query={q} /></p> : null}
                <p className="mt-1 text-sm">
                  <a href={localePath(locale, `/rounds/${h.roundSlug}`)}>{roundLabel(h.roundTitle, h.year, (title, year) => t('decision', { title, year }))}</a>
                </p>
              </li>
            ))}
          </ol>
        ) : null}
        {result ? (
          <PublicPagination
            path={localePath(locale, '/search')}
            query={{ q, round: filters.round ?? undefined, year: filters.year ? String(filters.year) : undefined, unit: filters.unit ?? undefined, kind: filters.kind ?? undefined }}
            page={result.page}
            pageCount={result.pages}
            format={nf}
          />
        ) : null}
      </section>
    </div>
  );
}
