import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { getNomination } from '@/lib/nominations';
import { Link } from '@/lib/i18n/navigation';

export default async function NominationPage({ params }: PageProps<'/[locale]/manage/nominations/[id]'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  let nomination;
  try {
    nomination = getNomination(actor, /^\d{1,15}$/.test(id) ? Number(id) : -1);
  } catch (e) {
    if (isDomainError(e) && e.code === 'not_found') notFound();
    throw e;
  }
  const [t, ts, tk] = await Promise.all([getTranslations('manage.nomination'), getTranslations('status'), getTranslations('kind')]);
  return (
    <article className="space-y-4">
      <p className="text-sm"><Link href="/manage/nominations">← {t('back')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{nomination.nomineeName}</h1>
      <dl className="card grid gap-2 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">{t('round')}</dt>
        <dd>{nomination.roundTitle}</dd>
        <dt className="font-semibold">{t('unit')}</dt>
        <dd>{nomination.unitName} · {tk(nomination.kind)}</dd>
        <dt className="font-semibold">{t('status')}</dt>
        <dd>{ts(nomination.status)}</dd>
        <dt className="font-semibold">{t('summary')}</dt>
        <dd className="whitespace-pre-line">{nomination.summary || '—'}</dd>
      </dl>
    </article>
  );
}
