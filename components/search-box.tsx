// The search field: a plain GET form to /search, so it works without JavaScript.
import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/paths';

export async function SearchBox({ locale, query = '', id = 'q', children, formId }: {
  locale: string;
  query?: string;
  id?: string;
  /** Extra fields (filters) inside the same form. */
  children?: React.ReactNode;
  formId?: string;
}) {
  const t = await getTranslations('publicPages.search');
  return (
    <form id={formId} role="search" aria-label={t('boxLabel')} action={localePath(locale, '/search')} method="get" className="no-print space-y-3">
      <div>
        <label htmlFor={id} className="label">{t('label')}</label>
        <div className="flex gap-2">
          <input
            id={id}
            name="q"
            type="search"
            defaultValue={query}
            maxLength={200}
            placeholder={t('placeholder')}
            autoComplete="off"
            spellCheck={false}
            className="field min-w-0 flex-1"
          />
          <button type="submit" className="btn-primary shrink-0">{t('submit')}</button>
        </div>
      </div>
      {children}
    </form>
  );
}
