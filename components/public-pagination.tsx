// Previous/next links of a public list: plain links (no client router), other query parameters kept.
import { getTranslations } from 'next-intl/server';

export async function PublicPagination({ path, query, page, pageCount, format }: {
  path: string;
  query: Record<string, string | undefined>;
  page: number;
  pageCount: number;
  format: Intl.NumberFormat;
}) {
  if (pageCount <= 1) return null;
  const t = await getTranslations('common');
  const href = (p: number) => {
    const qs = new URLSearchParams(Object.entries({ ...query, page: String(p) }).filter((e): e is [string, string] => !!e[1]));
    return `${path}?${qs}`;
  };
  const label = t('pageOf', { page: format.format(page), pages: format.format(pageCount) });
  return (
    <nav aria-label={label} className="no-print flex items-center justify-between gap-2">
      {page > 1 ? <a href={href(page - 1)} className="btn-secondary" rel="prev">← {t('previous')}</a> : <span />}
      <span className="text-sm text-stone-700">{label}</span>
      {page < pageCount ? <a href={href(page + 1)} className="btn-secondary" rel="next">{t('next')} →</a> : <span />}
    </nav>
  );
}
