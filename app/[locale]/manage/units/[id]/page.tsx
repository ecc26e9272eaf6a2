import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { formatDate } from '@/lib/dates';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { orNotFound, parseId } from '@/lib/route-params';
import { getUnitNames, listUnits } from '@/lib/units';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { UnitPicker } from '@/components/unit-picker';
import { unitPickerMode } from '@/lib/unit-picker';
import { move, rename, toggle } from '../actions';

export default async function UnitPage({ params }: PageProps<'/[locale]/manage/units/[id]'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  // The unit itself: the first row of its own subtree (by path); not found outside the admin's.
  const [unit] = await orNotFound(() => listUnits(actor, { under: parseId(id), limit: 1 }));
  if (!unit) notFound();
  const [t, errors] = await Promise.all([getTranslations('units'), errorMessages()]);
  const names = await getUnitNames(actor, unit.id);
  const hidden = <input type="hidden" name="id" value={unit.id} />;
  // A nation's thousands of units are searched, not listed (the unit's own subtree left out).
  const parentPicker = await unitPickerMode(actor, [unit.parentId], { exclude: unit.id });
  const all = parentPicker.search ? [] : await listUnits(actor);
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link href="/manage/units">← {t('title')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{unit.name}</h1>
      <p className="text-stone-700">{t(`kinds.${unit.kind}`)} · {unit.active ? t('active') : t('inactive')}</p>
      <section className="card space-y-2">
        <h2 className="font-semibold">{t('history')}</h2>
        <ul className="text-sm" data-testid="unit-names">
          {names.map((n, i) => <li key={i}>{n.name} — {formatDate(n.validFrom, locale)} → {n.validTo ? formatDate(n.validTo, locale) : t('now')}</li>)}
        </ul>
      </section>
      <section className="card">
        <ActionForm action={rename} submitLabel={t('rename')} okText={t('saved')} errors={errors} className="space-y-2">
          {hidden}
          <label htmlFor="r-name" className="label">{t('newName')}</label>
          <input id="r-name" name="name" required maxLength={200} defaultValue={unit.name} className="field" />
        </ActionForm>
      </section>
      <section className="card">
        <ActionForm action={move} submitLabel={t('move')} okText={t('saved')} errors={errors} className="space-y-2">
          {hidden}
          <UnitPicker id="m-parent" name="parentId" label={t('parent')} mode={parentPicker} defaultValue={unit.parentId ?? undefined} options={parentPicker.search ? [] : all.filter((u) => u.active && u.id !== unit.id).map((u) => ({ value: u.id, label: `${'· '.repeat(u.depth)}${u.name}` }))} />
        </ActionForm>
      </section>
      <section className="card">
        <ActionForm action={toggle} submitLabel={unit.active ? t('deactivate') : t('activate')} confirmText={unit.active ? t('deactivateConfirm') : undefined} okText={t('saved')} errors={errors} variant="secondary">
          {hidden}
          <input type="hidden" name="active" value={unit.active ? 'false' : 'true'} />
        </ActionForm>
      </section>
    </div>
  );
}
