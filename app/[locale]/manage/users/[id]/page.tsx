import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { parseId } from '@/lib/route-params';
import { listUnitOptions, listUsers, MIN_PASSWORD } from '@/lib/users';
import { unitPickerMode } from '@/lib/unit-picker';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { UserFields } from '@/components/user-fields';
import { reset, update } from '../actions';

export default async function UserPage({ params }: PageProps<'/[locale]/manage/users/[id]'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  const user = (await listUsers(actor)).find((u) => u.id === parseId(id));
  if (!user) notFound();
  const [t, errors] = await Promise.all([getTranslations('users'), errorMessages()]);
  const hidden = <input type="hidden" name="id" value={user.id} />;
  // A nation's 10,000 units are searched, not listed: then only the user's unit is read.
  const unitPicker = await unitPickerMode(actor, [user.unitId]);
  const units = unitPicker.search ? [] : await listUnitOptions(actor);
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link href="/manage/users">← {t('title')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{user.username}</h1>
      <section className="card">
        <ActionForm action={update} submitLabel={t('save')} okText={t('saved')} errors={errors} className="space-y-3">
          {hidden}
          <div><label htmlFor="e-display" className="label">{t('displayName')}</label><input id="e-display" name="displayName" defaultValue={user.displayName} maxLength={200} className="field" /></div>
          <UserFields units={units} unitPicker={unitPicker} unitId={user.unitId} roles={user.roles} idPrefix="e" />
          <label className="flex items-center gap-2"><input type="checkbox" name="active" defaultChecked={user.active} /> {t('active')}</label>
        </ActionForm>
      </section>
      <section className="card">
        <h2 className="mb-2 font-semibold">{t('reset')}</h2>
        <ActionForm action={reset} submitLabel={t('reset')} confirmText={t('resetConfirm')} okText={t('resetDone')} errors={errors} className="space-y-3">
          {hidden}
          <div><label htmlFor="r-password" className="label">{t('tempPassword', { min: MIN_PASSWORD })}</label><input id="r-password" name="password" type="password" required minLength={MIN_PASSWORD} className="field" autoComplete="new-password" /></div>
        </ActionForm>
      </section>
    </div>
  );
}
