// One unit of the actor's scope in a staff form: the page's <select> as it always was while the scope is
// small, a search-as-you-type combobox when it is not (lib/unit-picker.ts decides). Both send the unit's id
// under the same field name.
import { getTranslations } from 'next-intl/server';
import type { UnitPickerMode } from '@/lib/unit-picker';
import { UnitCombobox, type UnitComboboxLabels } from '@/components/unit-combobox';

export async function UnitPicker({
  id,
  name,
  label,
  mode,
  options,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  mode: UnitPickerMode;
  /** The <select>'s options (empty when the picker searches: the page need not load them). */
  options: Array<{ value: number; label: string }>;
  defaultValue?: number;
}) {
  if (!mode.search) {
    return (
      <>
        <label htmlFor={id} className="label">{label}</label>
        <select id={id} name={name} defaultValue={defaultValue} className="field">
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </>
    );
  }
  const query: Record<string, string> = {};
  if (mode.filter.kind) query.kind = mode.filter.kind;
  if (mode.filter.exclude) query.exclude = String(mode.filter.exclude);
  if (mode.filter.under) query.under = String(mode.filter.under);
  return (
    <UnitCombobox
      // A new choice from the server (another ?unit=) starts the combobox afresh.
      key={mode.selected?.id ?? 0}
      id={id}
      name={name}
      label={label}
      selected={mode.selected}
      query={query}
      labels={await unitComboboxLabels()}
    />
  );
}

/** The combobox's texts in the request's language (also for a client form that renders one itself). */
export async function unitComboboxLabels(): Promise<UnitComboboxLabels> {
  const t = await getTranslations('unitPicker');
  return {
    placeholder: t('placeholder'),
    hint: t('hint'),
    loading: t('loading'),
    results: t.raw('results') as string,
    noMatch: t('noMatch'),
    error: t('error'),
    within: t.raw('within') as string,
  };
}
