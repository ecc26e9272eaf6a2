import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { UNIT_KINDS } from '@/db/tables';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { listUnits, listUnitTree } from '@/lib/units';
import { DomainError } from '@/lib/errors';
import { z } from 'zod';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { UnitPicker } from '@/components/unit-picker';
import { UNIT_SELECT_MAX, unitPickerMode } from '@/lib/unit-picker';
import { create, merge } from './actions';

// ?unit=<id>: the tree rooted at a unit of the admin's subtree (a large tree is cut a few levels down).
const querySchema = z.object({ unit: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined) });

export default async function UnitsPage({ params, searchParams }: PageProps<'/[locale]/manage/units'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  const [t, errors] = await Promise.all([getTranslations('units'), errorMessages()]);
  const sp = await searchParams;
  const q = querySchema.parse({ unit: (Array.isArray(sp.unit) ? sp.unit[0] : sp.unit) || undefined });
  const tree = await listUnitTree(actor, q.unit).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'not_found') notFound();
    throw e;
  });
  // Pickers of a nation's thousands of units search instead of listing; a new unit goes under the admin's own by default.
  const [parentPicker, intoPicker] = await Promise.all([unitPickerMode(actor, [actor.unitId]), unitPickerMode(actor, [], { kind: 'ward' })]);
  const active = parentPicker.search ? [] : await listUnits(actor, { activeOnly: true });
  // The wards a merge may take: those of the unit the tree shows, as long as a list of checkboxes can hold them
  // (a nation's 3,000: open a province or district in the tree first).
  const wards = await listUnits(actor, { under: tree.root.id, kind: 'ward', activeOnly: true, limit: UNIT_SELECT_MAX + 1 });
  const tooManyWards = wards.length > UNIT_SELECT_MAX;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      {tree.trail.length > 0 ? (
        <nav aria-label={t('trail')} data-testid="unit-trail">
          <ol className="flex flex-wrap gap-x-2 text-sm">
            {tree.trail.map((u, i) => (
              <li key={u.id}><Link href={i === 0 ? '/manage/units' : `/manage/units?unit=${u.id}`}>{u.name}</Link> <span aria-hidden="true">›</span></li>
            ))}
            <li aria-current="page">{tree.root.name}</li>
          </ol>
        </nav>
      ) : null}
      {tree.truncated ? <p className="text-sm text-stone-700" data-testid="unit-tree-cut">{t('treeCut')}</p> : null}
      <ul className="card space-y-1 text-sm" data-testid="unit-tree">
        {tree.rows.map((u) => (
          <li key={u.id} style={{ paddingLeft: `${(u.depth - tree.root.depth) * 1.25}rem` }} className={u.active ? '' : 'text-stone-500'}>
            <Link href={`/manage/units/${u.id}`}>{u.name}</Link> <span className="text-xs text-stone-600">({t(`kinds.${u.kind}`)}{u.active ? '' : ` · ${t('inactive')}`})</span>
            {u.hiddenChildren > 0 ? (
              <>
                {' '}
                <Link href={`/manage/units?unit=${u.id}`} className="text-xs" data-testid="unit-subtree">
                  {t('subunits', { count: u.hiddenChildren })}<span className="sr-only"> — {u.name}</span>
                </Link>
              </>
            ) : null}
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
            <UnitPicker id="u-parent" name="parentId" label={t('parent')} mode={parentPicker} options={active.map((u) => ({ value: u.id, label: `${'· '.repeat(u.depth)}${u.name}` }))} />
          </div>
        </ActionForm>
      </details>
      <details className="card">
        <summary className="cursor-pointer font-semibold">{t('merge')}</summary>
        <p className="mt-2 text-sm text-stone-700">{t('mergeHelp')}</p>
        <ActionForm action={merge} submitLabel={t('merge')} confirmText={t('mergeConfirm')} okText={t('saved')} errors={errors} className="mt-3 space-y-3">
          {tooManyWards ? (
            <p className="text-sm" data-testid="merge-open-unit">{t('mergeOpenUnit', { max: UNIT_SELECT_MAX })}</p>
          ) : (
            <fieldset className="grid gap-1 sm:grid-cols-2">
              <legend className="label">{t('mergeFrom')}</legend>
              {wards.map((u) => <label key={u.id} className="flex items-center gap-2"><input type="checkbox" name="from[]" value={u.id} /> {u.name}</label>)}
            </fieldset>
          )}
          <div>
            <UnitPicker id="m-into" name="into" label={t('mergeInto')} mode={intoPicker} options={wards.map((u) => ({ value: u.id, label: u.name }))} />
          </div>
        </ActionForm>
      </details>
    </div>
  );
}
