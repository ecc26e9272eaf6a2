// Previous/next links for a paginated list; keeps the other query parameters. With `cursor` (the
// first and last ids shown, newest first) the links seek by id — `after`/`before` — instead of
// skipping rows, so a deep page costs what the first one does.
import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';

/**
 * `more`: there are more pages than `pageCount` (a list counted up to a cap): Next stays while this page is full.
 * `param`: the page's query parameter (a second list on the same page has its own); `hash`: where the links land.
 */
export async function Pagination({ path, query, page, pageCount, cursor, more = false, param = 'page', hash }: { path: string; query: Record<string, string | undefined>; page: number; pageCount: number; cursor?: { first?: number; last?: number }; more?: boolean; param?: string; hash?: string }) {
  if (pageCount <= 1 && !more) return null;
  const t = await getTranslations('common');
  const href = (p: number, seek: Record<string, number | undefined> = {}) => {
    const params = { ...query, [param]: String(p), ...Object.fromEntries(Object.entries(seek).map(([k, v]) => [k, v?.toString()])) };
    const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
    return `${path}?${qs}${hash ? `#${hash}` : ''}`;
  };
  // Page 1 is the plain list; other pages seek from the edge of this one.
  const prev = page - 1 > 1 && cursor?.first ? href(page - 1, { before: cursor.first }) : href(page - 1);
  const next = cursor?.last ? href(page + 1, { after: cursor.last }) : href(page + 1);
  const label = t(more ? 'pageOfMore' : 'pageOf', { page, pages: pageCount });
  return (
    <nav aria-label={label} className="no-print flex items-center justify-between gap-2">
      {page > 1 ? <Link href={prev} className="btn-secondary" rel="prev">← {t('previous')}</Link> : <span />}
      <span className="text-sm text-stone-700">{label}</span>
      {page < pageCount || more ? <Link href={next} className="btn-secondary" rel="next">{t('next')} →</Link> : <span />}
    </nav>
  );
}
