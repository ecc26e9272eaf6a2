import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { listUnitOptions, listUsers, MIN_PASSWORD } from '@/lib/users';
import { unitPickerMode } from '@/lib/unit-picker';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { UserFields } from '@/components/user-fields';
import { create } from './actions';

export default async function UsersPage({ params }: PageProps<'/[locale]/manage/users'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  const [t, tr, errors] = await Promise.all([getTranslations('users'), getTranslations('role'), errorMessages()]);
  const list = await listUsers(actor);
  // A nation's 10,000 units are searched, not listed; a new user starts in the admin's own unit.
  const unitPicker = await unitPickerMode(actor, [actor.unitId]);
  const units = unitPicker.search ? [] : await listUnitOptions(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      <div className="card overflow-x-auto p-0 sm:p-0">
        <table className="table" data-testid="users">
          <thead><tr><th scope="col">{t('username')}</th><th scope="col">{t('displayName')}</th><th scope="col">{t('unit')}</th><th scope="col">{t('roles')}</th><th scope="col">{t('state')}</th></tr></thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id}>
                <td><Link href={`/manage/users/${u.id}`}>{u.username}</Link></td>
                <td>{u.displayName}</td>
                <td>{u.unitName}</td>
                <td>{u.roles.map((r) => tr(r)).join(', ')}</td>
                <td>{u.active ? t('active') : t('inactive')}{u.mustChangePassword ? ` · ${t('mustChange')}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="card">
        <summary className="cursor-pointer font-semibold">{t('create')}</summary>
        <ActionForm action={create} submitLabel={t('create')} okText={t('created')} errors={errors} className="mt-4 space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <div><label htmlFor="n-username" className="label">{t('username')}</label><input id="n-username" name="username" required pattern="[a-z0-9._\-]{3,50}" className="field" autoComplete="off" /></div>
            <div><label htmlFor="n-display" className="label">{t('displayName')}</label><input id="n-display" name="displayName" required maxLength={200} className="field" /></div>
          </div>
          <UserFields units={units} unitPicker={unitPicker} idPrefix="n" />
          <div><label htmlFor="n-password" className="label">{t('tempPassword', { min: MIN_PASSWORD })}</label><input id="n-password" name="password" type="password" required minLength={MIN_PASSWORD} className="field" autoComplete="new-password" /></div>
        </ActionForm>
      </details>
    </div>
  );
}
