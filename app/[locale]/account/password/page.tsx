import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireSessionActor } from '@/lib/actor';
import { MIN_PASSWORD } from '@/lib/users';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { change } from './actions';

export const dynamic = 'force-dynamic';

export default async function PasswordPage({ params }: PageProps<'/[locale]/account/password'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireSessionActor(locale);
  const [t, errors] = await Promise.all([getTranslations('users'), errorMessages()]);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('changeTitle')}</h1>
      {actor.mustChangePassword ? <p role="status" className="rounded-md border border-gold-400 bg-gold-100 px-3 py-2">{t('mustChangeNotice')}</p> : null}
      <div className="card">
        <ActionForm action={change} submitLabel={t('change')} errors={{ ...errors, invalid_input: t('changeInvalid', { min: MIN_PASSWORD }), invalid_field: t('changeInvalid', { min: MIN_PASSWORD }) }} className="space-y-3">
          <input type="hidden" name="locale" value={locale} />
          <div><label htmlFor="p-current" className="label">{t('current')}</label><input id="p-current" name="current" type="password" required className="field" autoComplete="current-password" /></div>
          <div><label htmlFor="p-new" className="label">{t('newPassword', { min: MIN_PASSWORD })}</label><input id="p-new" name="password" type="password" required minLength={MIN_PASSWORD} className="field" autoComplete="new-password" /></div>
          <div><label htmlFor="p-repeat" className="label">{t('repeat')}</label><input id="p-repeat" name="repeat" type="password" required minLength={MIN_PASSWORD} className="field" autoComplete="new-password" /></div>
        </ActionForm>
      </div>
    </div>
  );
}
