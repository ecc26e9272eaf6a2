// Role checkboxes and unit picker shared by the user forms.
import { getTranslations } from 'next-intl/server';
import { ROLES, type Role } from '@/db/tables';
import type { UnitPickerMode } from '@/lib/unit-picker';
import { UnitPicker } from '@/components/unit-picker';

export async function UserFields({ units, unitPicker, unitId, roles = [], idPrefix }: { units: Array<{ id: number; name: string }>; unitPicker: UnitPickerMode; unitId?: number; roles?: Role[]; idPrefix: string }) {
  const [t, tr] = await Promise.all([getTranslations('users'), getTranslations('role')]);
  return (
    <>
      <div>
        <UnitPicker id={`${idPrefix}-unit`} name="unitId" label={t('unit')} mode={unitPicker} defaultValue={unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} />
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
