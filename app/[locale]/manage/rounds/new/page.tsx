import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { create } from './actions';

export default async function NewRoundPage({ params }: PageProps<'/[locale]/manage/rounds/new'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  const [t, errors] = await Promise.all([getTranslations('roundForm'), errorMessages()]);
  const field = (name: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={name} className="label">{t(name as 'title')}</label>
      <input id={name} name={name} className="field" {...props} />
    </div>
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('newTitle')}</h1>
      <div className="card">
        <ActionForm action={create} submitLabel={t('save')} errors={errors} className="space-y-4">
          <input type="hidden" name="locale" value={locale} />
          {field('title', { required: true, maxLength: 300 })}
          <div className="grid gap-4 sm:grid-cols-2">
            {field('theme', { required: true, maxLength: 300, defaultValue: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh' })}
            {field('period', { required: true, maxLength: 50 })}
            {field('authority', { required: true, maxLength: 200 })}
            {field('awardForm', { required: true, maxLength: 100, defaultValue: 'Giấy khen' })}
            {field('windowOpensAt', { type: 'date' })}
            {field('windowClosesAt', { type: 'date' })}
            {field('quotaCollectives', { type: 'number', min: 0 })}
            {field('quotaIndividuals', { type: 'number', min: 0 })}
          </div>
          <div>
            <label htmlFor="criteria" className="label">{t('criteria')}</label>
            <textarea id="criteria" name="criteria" rows={4} maxLength={10000} className="field" />
          </div>
          <label className="flex items-center gap-2"><input type="checkbox" name="consultation" /> {t('consultation')}</label>
          {field('consultationDays', { type: 'number', min: 0, max: 60, defaultValue: 10 })}
        </ActionForm>
      </div>
    </div>
  );
}
