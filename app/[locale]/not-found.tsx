import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="card mx-auto max-w-lg text-center">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      <p className="mt-2 text-stone-700">{t('body')}</p>
      <p className="mt-4">
        <Link href="/" className="btn-primary">{t('back')}</Link>
      </p>
    </div>
  );
}
