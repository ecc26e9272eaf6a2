import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { UNIT_KINDS } from '@/db/tables';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { listUnits } from '@/lib/units';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { create, merge } from './actions';

export default async function UnitsPage({ params }: PageProps<'/[locale]/manage/units'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  const [t, errors] = await Promise.all([getTranslations('units'), errorMessages()]);
  const list = await listUnits(actor);
  const active = list.filter((u) => u.active);
  const wards = active.filter((u) => u.kind === 'ward');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      <ul className="card space-y-1 text-sm" data-testid="unit-tree">
        {list.map((u) => (
          <li key={u.id} style={{ paddingLeft: `${u.depth * 1.25}rem` }} className={u.active ? '' : 'text-stone-500'}>
            <Link href={`/manage/units/${u.id}`}>{u.name}</Link> <span className="text-xs text-stone-600">({t(`kinds.${u.kind}`)}{u.active ? '' : ` · ${t('inactive')}`})</span>
          </li>
        ))}
      </ul>
      <details className="card">
        <summary className="cursor-pointer font-semibold">{t('create')}</summary>
        <ActionForm action={create} submitLabel={t('create')} okText={t('saved')} errors={errors} className="mt-3 grid gap-3 sm:grid-cols-2">
          <div><label htmlFor="u-name" className="label">{t('name')}</label><input id="u-name" name="name" required maxLength={200} className="field" /></div>
          <div><label htmlFor="u-short" className="label">{t('shortName')}</label><input id="u-short" name="shortName" maxLength={100} className="field" /></div>
          <div>
            <label htmlFor="u-kind" className="label">{t('kind')}</label>
            <select id="u-kind" name="kind" className="field">{UNIT_KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}</select>
          </div>
          <div>
            <label htmlFor="u-parent" className="label">{t('parent')}</label>
            <select id="u-parent" name="parentId" className="field">{active.map((u) => <option key={u.id} value={u.id}>{'· '.repeat(u.depth)}{u.name}</option>)}</select>
          </div>
        </ActionForm>
      </details>
      <details className="card">
        <summary className="cursor-pointer font-semibold">{t('merge')}</summary>
        <p className="mt-2 text-sm text-stone-700">{t('mergeHelp')}</p>
        <ActionForm action={merge} submitLabel={t('merge')} confirmText={t('mergeConfirm')} okText={t('saved')} errors={errors} className="mt-3 space-y-3">
          <fieldset className="grid gap-1 sm:grid-cols-2">
            <legend className="label">{t('mergeFrom')}</legend>
            {wards.map((u) => <label key={u.id} className="flex items-center gap-2"><input type="checkbox" name="from[]" value={u.id} /> {u.name}</label>)}
          </fieldset>
          <div>
            <label htmlFor="m-into" className="label">{t('mergeInto')}</label>
            <select id="m-into" name="into" className="field">{wards.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select>
          </div>
        </ActionForm>
      </details>
    </div>
  );
}
