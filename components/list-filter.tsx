// A name filter for one list of a page: a plain GET form (it works without JavaScript) that keeps the page's other
// parameters and lands back on the list (`anchor`), then how many names of the list it kept, and the way back to all.
import { getTranslations } from 'next-intl/server';

/** A list longer than this gets the filter. */
export const LIST_FILTER_FROM = 20;

export async function ListFilter({ param, value, keep, anchor, list, matching, total, testId }: {
  /** The list's query parameter (`?pq=`), and its value now (parseText). */
  param: string;
  value: string | undefined;
  /** The page's other parameters, kept by the form and by "clear". */
  keep: Record<string, string | undefined>;
  anchor: string;
  /** The list's name (its heading): two filters on one page are two distinct search landmarks. */
  list: string;
  matching: number;
  total: number;
  testId: string;
}) {
  const t = await getTranslations('common');
  const kept = Object.entries(keep).filter((e): e is [string, string] => !!e[1]);
  return (
    <>
      <form method="get" action={`#${anchor}`} role="search" aria-label={`${t('findByName')}: ${list}`} className="no-print flex flex-wrap items-end gap-2" data-testid={testId}>
        {kept.map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <label className="min-w-48 flex-1">
          <span className="label">{t('findByName')}</span>
          <input name={param} type="search" defaultValue={value ?? ''} maxLength={100} className="field" />
        </label>
        <button type="submit" className="btn-secondary">{t('filter')}</button>
        {value ? <a href={`?${new URLSearchParams(kept)}#${anchor}`} className="btn-secondary">{t('clearFilter')}</a> : null}
      </form>
      {value ? (
        <p className="text-sm" role="status" data-testid={`${testId}-matching`}>
          {matching === 0 ? t('noMatch', { q: value }) : t('matching', { matching, total, q: value })}
        </p>
      ) : null}
    </>
  );
}
