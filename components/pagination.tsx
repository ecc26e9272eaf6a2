// Previous/next links for a paginated list; keeps the other query parameters.
import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';

export async function Pagination({ path, query, page, pageCount }: { path: string; query: Record<string, string | undefined>; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations('common');
  const href = (p: number) => {
    const qs = new URLSearchParams(Object.entries({ ...query, page: String(p) }).filter((e): e is [string, string] => !!e[1]));
    return `${path}?${qs}`;
  };
  return (
    <nav aria-label={t('pageOf', { page, pages: pageCount })} className="no-print flex items-center justify-between gap-2">
      {page > 1 ? <Link href={href(page - 1)} className="btn-secondary" rel="prev">← {t('previous')}</Link> : <span />}
      <span className="text-sm text-stone-700">{t('pageOf', { page, pages: pageCount })}</span>
      {page < pageCount ? <Link href={href(page + 1)} className="btn-secondary" rel="next">{t('next')} →</Link> : <span />}
    </nav>
  );
}
