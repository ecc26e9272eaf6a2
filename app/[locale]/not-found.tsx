import { getLocale, getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/paths';

export default async function NotFound() {
  const [t, locale] = await Promise.all([getTranslations('notFound'), getLocale()]);
  return (
    <div className="card mx-auto max-w-lg text-center">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      <p className="mt-2 text-stone-700">{t('body')}</p>
      <p className="mt-4">
        <a href={localePath(locale, '/')} className="btn-primary">{t('back')}</a>
      </p>
    </div>
  );
}
