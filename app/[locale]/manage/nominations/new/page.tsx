import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { listNomineeOptions } from '@/lib/nominations';
import { listOpenRounds } from '@/lib/rounds';
import { getRoundRules } from '@/lib/progress';
import { RoundRulesPanel } from '@/components/round-rules';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { create } from './actions';

export default async function NewNominationPage({ params }: PageProps<'/[locale]/manage/nominations/new'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const [t, tk, errors] = await Promise.all([getTranslations('nominationActions'), getTranslations('kind'), errorMessages()]);
  const rounds = listOpenRounds(actor);
  const options = listNomineeOptions(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('newTitle')}</h1>
      {rounds.length === 0 || options.units.length === 0 ? (
        <p className="card">{t('noOpenRound')}</p>
      ) : (
        <>
        {rounds.map((r) => <RoundRulesPanel key={r.id} rules={getRoundRules(actor, r.id)} locale={locale} />)}
        <div className="card">
          <ActionForm action={create} submitLabel={t('create')} errors={errors} className="space-y-4">
            <input type="hidden" name="locale" value={locale} />
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor="roundId" className="label">{t('round')}</label>
                <select id="roundId" name="roundId" className="field" required>
                  {rounds.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor="unitId" className="label">{t('unit')}</label>
                <select id="unitId" name="unitId" className="field" required>
                  {options.units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
                </select>
              </div>
            </div>
            <fieldset className="flex gap-6">
              <legend className="label">{t('kind')}</legend>
              <label className="flex items-center gap-2"><input type="radio" name="kind" value="individual" defaultChecked /> {tk('individual')}</label>
              <label className="flex items-center gap-2"><input type="radio" name="kind" value="collective" /> {tk('collective')}</label>
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <label htmlFor="existingIndividual" className="label">{t('existing')} ({tk('individual')})</label>
                <select id="existingIndividual" name="existingIndividual" className="field" defaultValue="">
                  <option value="">{t('none')}</option>
                  {options.individuals.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor="existingCollective" className="label">{t('existing')} ({tk('collective')})</label>
                <select id="existingCollective" name="existingCollective" className="field" defaultValue="">
                  <option value="">{t('none')}</option>
                  {options.collectives.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
                </select>
              </div>
            </div>
            <div>
              <label htmlFor="name" className="label">{t('newName')}</label>
              <input id="name" name="name" maxLength={200} className="field" />
            </div>
            <div className="grid gap-4 sm:grid-cols-3">
              <div>
                <label htmlFor="position" className="label">{t('position')}</label>
                <input id="position" name="position" maxLength={200} className="field" />
              </div>
              <div>
                <label htmlFor="gender" className="label">{t('gender')}</label>
                <select id="gender" name="gender" className="field" defaultValue="">
                  <option value="">—</option>
                  <option value="male">{t('male')}</option>
                  <option value="female">{t('female')}</option>
                  <option value="other">{t('other')}</option>
                </select>
              </div>
              <div>
                <label htmlFor="birthYear" className="label">{t('birthYear')}</label>
                <input id="birthYear" name="birthYear" type="number" min={1900} max={2030} className="field" />
              </div>
            </div>
            <label className="flex items-center gap-2"><input type="checkbox" name="partyMember" /> {t('partyMember')}</label>
            <div>
              <label htmlFor="summary" className="label">{t('summary')}</label>
              <textarea id="summary" name="summary" rows={5} maxLength={4000} required className="field" />
            </div>
          </ActionForm>
        </div>
        </>
      )}
    </div>
  );
}
