import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { getConsultation, FEEDBACK_MAX } from '@/lib/consultation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { sendFeedback } from './actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/rounds/[slug]/consultation'>): Promise<Metadata> {
  const { slug, locale } = await params;
  const view = await getConsultation(slug);
  if (!view) return {};
  const t = await getTranslations({ locale, namespace: 'consultation' });
  return { title: `${t('title')}: ${view.title}` };
}

export default async function ConsultationPage({ params }: PageProps<'/[locale]/rounds/[slug]/consultation'>) {
  const { locale, slug } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const view = await getConsultation(slug);
  if (!view) notFound();
  const [t, tk, format, errors] = await Promise.all([getTranslations('consultation'), getTranslations('kind'), getFormatter(), errorMessages()]);
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-gold-700">{t('title')}</p>
        <h1 className="text-2xl font-bold text-brand-800">{view.title}</h1>
        <p className="text-stone-700">{t('intro', { authority: view.authority })}</p>
        <p className="font-semibold" data-testid="consultation-deadline">
          {t('deadline', { date: format.dateTime(view.endsAt, { dateStyle: 'long', timeStyle: 'short' }) })}
        </p>
      </header>
      {view.nominees.length === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : (
        <ol className="space-y-3" data-testid="proposed-list">
          {view.nominees.map((n, i) => (
            <li key={n.id} className="card p-3 sm:p-4">
              <p className="font-semibold">{i + 1}. {n.name} <span className="text-sm font-normal text-stone-600">({tk(n.kind)} · {n.unit})</span></p>
              {n.summary ? <p className="mt-1 text-sm text-stone-800">{n.summary}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {view.open && view.nominees.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="fb-h">
          <h2 id="fb-h" className="text-lg font-semibold">{t('formTitle')}</h2>
          <ActionForm action={sendFeedback} submitLabel={t('send')} okText={t('thanks')} errors={errors}>
            <input type="hidden" name="slug" value={slug} />
            <div>
              <label htmlFor="nominationId" className="label">{t('nominee')}</label>
              <select id="nominationId" name="nominationId" className="field" required>
                {view.nominees.map((n, i) => <option key={n.id} value={n.id}>{i + 1}. {n.name}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="fb-name" className="label">{t('name')}</label>
              <input id="fb-name" name="name" maxLength={100} className="field" autoComplete="name" />
            </div>
            <div>
              <label htmlFor="fb-body" className="label">{t('body', { max: FEEDBACK_MAX })}</label>
              <textarea id="fb-body" name="body" rows={4} minLength={3} maxLength={FEEDBACK_MAX} required className="field" />
            </div>
          </ActionForm>
        </section>
      ) : (
        <p className="card">{t('closed')}</p>
      )}
    </article>
  );
}
