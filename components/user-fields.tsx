// Role checkboxes and unit select shared by the user forms.
import { getTranslations } from 'next-intl/server';
import { ROLES, type Role } from '@/db/tables';

export async function UserFields({ units, unitId, roles = [], idPrefix }: { units: Array<{ id: number; name: string }>; unitId?: number; roles?: Role[]; idPrefix: string }) {
  const [t, tr] = await Promise.all([getTranslations('users'), getTranslations('role')]);
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-unit`} className="label">{t('unit')}</label>
        <select id={`${idPrefix}-unit`} name="unitId" defaultValue={unitId} className="field">
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="label">{t('roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="flex items-center gap-2"><input type="checkbox" name="roles[]" value={r} defaultChecked={roles.includes(r)} /> {tr(r)}</label>
        ))}
      </fieldset>
    </>
  );
}
