import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { listRoundUnitOptions } from '@/lib/rounds';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { RoundFields } from '@/components/round-fields';
import { create } from './actions';

export default async function NewRoundPage({ params }: PageProps<'/[locale]/manage/rounds/new'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  const [t, errors] = await Promise.all([getTranslations('roundForm'), errorMessages()]);
  // The unit that runs the round: its subtree may be nominated, and it issues the decision.
  const unitOptions = await listRoundUnitOptions(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('newTitle')}</h1>
      <div className="card">
        <ActionForm action={create} submitLabel={t('save')} errors={errors} className="space-y-4">
          <input type="hidden" name="locale" value={locale} />
          {unitOptions.length > 1 ? (
            <div>
              <label htmlFor="round-unit" className="label">{t('runBy')}</label>
              <select id="round-unit" name="unitId" className="field" defaultValue={unitOptions[0].id}>
                {unitOptions.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
              </select>
            </div>
          ) : null}
          <RoundFields />
        </ActionForm>
      </div>
    </div>
  );
}
