import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StaticNotFound } from '../../static-not-found';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { localePath } from '@/lib/i18n/paths';
import { cachedUnit } from '@/lib/public-cache';
import { publicMetadata } from '@/lib/site-url';
import { PublicPagination } from '@/components/public-pagination';

// Rendered once per change of public data and kept in the page cache (lib/page-cache-handler.mjs); the
// same script-free bytes for everyone (next.config.ts sets its CSP and Cache-Control).
export const dynamic = 'force-static';

export async function generateMetadata({ params }: PageProps<'/[locale]/units/[slug]'>): Promise<Metadata> {
  const { locale, slug } = await params;
  const unit = await cachedUnit(slug);
  if (!unit || !hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'publicPages.meta' });
  return publicMetadata(locale, `/units/${slug}`, { title: unit.name, description: t('unit', { name: unit.name }) });
}

/** A unit's honours over the years: its own and its sub-units', newest round first. */
export default async function UnitPage({ params }: PageProps<'/[locale]/units/[slug]'>) {
  // `n`: the page number of /units/[slug]/page/[n], where next.config.ts sends `?page=n`.
  const { locale, slug, n } = (await params) as { locale: string; slug: string; n?: string };
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const page = n === undefined ? 1 : /^[1-9][0-9]{0,5}$/.test(n) ? Number(n) : 0;
  const unit = page ? await cachedUnit(slug, page) : null;
  if (!unit) return <StaticNotFound />;
  const [t, tk] = await Promise.all([getTranslations('publicPages.unit'), getTranslations('kind')]);
  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{unit.name}</h1>
        {unit.parent ? (
          <p className="text-sm text-stone-700">
            <a href={localePath(locale, `/units/${unit.parent.slug}`)}>{t('parent', { name: unit.parent.name })}</a>
          </p>
        ) : null}
        <p className="text-stone-700">{t('intro')}</p>
        <p className="font-medium text-brand-700" data-testid="unit-total">{t('total', { count: unit.total })}</p>
      </header>
      {unit.children.length > 0 ? (
        <section aria-labelledby="children-heading" className="space-y-2">
          <h2 id="children-heading" className="text-lg font-semibold">{t('children')}</h2>
          <ul className="flex flex-wrap gap-2">
            {unit.children.map((c) => (
              <li key={c.slug}>
                <a href={localePath(locale, `/units/${c.slug}`)} className="inline-block rounded-full border border-stone-300 bg-white px-3 py-1 text-sm">
                  {c.name} <span className="text-stone-700">({c.awards})</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {unit.rounds.length === 0 ? <p className="card text-stone-700">{t('empty')}</p> : null}
      {unit.rounds.map((r) => (
        <section key={r.slug} aria-labelledby={`r-${r.slug}`} className="space-y-3">
          <h2 id={`r-${r.slug}`} className="border-b-2 border-gold-400 pb-1 text-xl font-bold text-brand-800">
            <a href={localePath(locale, `/rounds/${r.slug}`)} className="text-brand-800">{r.year ? t('round', { title: r.title, year: r.year }) : r.title}</a>
          </h2>
          <ul className="space-y-2">
            {r.awards.map((a) => (
              <li key={a.id} className="card p-3">
                <p className="font-semibold">
                  <a href={localePath(locale, `/awards/${a.id}`)} className="target text-stone-900">{a.name}</a>
                  <span className="ml-2 badge bg-stone-100 text-stone-700">{tk(a.kind)}</span>
                </p>
                <p className="text-sm text-stone-700">
                  {a.position ? `${a.position} · ` : null}
                  {a.unitSlug === unit.slug ? a.unit : <a href={localePath(locale, `/units/${a.unitSlug}`)} className="target text-stone-700 underline decoration-stone-400">{a.unit}</a>}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <PublicPagination path={localePath(locale, `/units/${slug}`)} query={{}} page={unit.page} pageCount={unit.pageCount} format={new Intl.NumberFormat(locale)} />
    </article>
  );
}
