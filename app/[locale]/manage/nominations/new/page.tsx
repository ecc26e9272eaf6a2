import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { listNomineeOptions } from '@/lib/nominations';
import { listOpenRounds } from '@/lib/rounds';
import { getRoundRules } from '@/lib/progress';
import { RoundRulesPanel } from '@/components/round-rules';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { NomineePicker } from '@/components/nominee-picker';
import { unitComboboxLabels } from '@/components/unit-picker';
import { getUnitOption } from '@/lib/unit-picker';
import { FileInput } from '@/components/file-input';
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_BYTES } from '@/lib/upload-limits';
import { create } from './actions';

export default async function NewNominationPage({ params }: PageProps<'/[locale]/manage/nominations/new'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const [t, tk, tlim, errors, te] = await Promise.all([getTranslations('nominationActions'), getTranslations('kind'), getTranslations('limits'), errorMessages(), getTranslations('eligibility')]);
  const rounds = await listOpenRounds(actor);
  const options = await listNomineeOptions(actor);
  const noUnit = options.units.length === 0 && options.complete.units;
  const roundRules = rounds.length === 0 || noUnit ? [] : await Promise.all(rounds.map((r) => getRoundRules(actor, r.id)));
  // More units than a <select> should hold: the nominee's unit is searched, starting from the officer's own.
  const unitSearch = options.complete.units ? undefined : { selected: await getUnitOption(actor, actor.unitId), labels: await unitComboboxLabels() };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('newTitle')}</h1>
      {rounds.length === 0 || noUnit ? (
        <p className="card">{t('noOpenRound')}</p>
      ) : (
        <>
        {roundRules.map((rules) => <RoundRulesPanel key={rules.id} rules={rules} locale={locale} />)}
        <div className="card">
          <ActionForm action={create} submitLabel={t('create')} errors={errors} className="space-y-4" variant="secondary">
            <input type="hidden" name="locale" value={locale} />
            <div>
              <label htmlFor="roundId" className="label">{t('round')}</label>
              <select id="roundId" name="roundId" className="field" required>
                {rounds.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
              </select>
            </div>
            <NomineePicker
              units={options.units}
              unitSearch={unitSearch}
              individuals={options.individuals}
              collectives={options.collectives}
              complete={options.complete}
              text={{
                kind: t('forWhom'), individual: tk('individual'), collective: tk('collective'), unit: t('nomineeUnit'), unitHint: t('nomineeUnitHint'),
                who: t('who'), existing: t('chooseExisting'), createNew: t('createNew'), search: t('searchName'), searchHint: t('searchNameHint'),
                choose: t('searchResults'), noneFound: t('noneFound'), fullName: t('fullName'), collectiveName: t('collectiveName'), position: t('position'),
                gender: t('gender'), male: t('male'), female: t('female'), other: t('other'), birthYear: t('birthYear'), partyMember: t('partyMember'),
                similar: t('similarNames'), confirmDuplicate: t('confirmDuplicate'), searchAll: t('searchAll'), searching: t('searching'), searchFailed: t('searchFailed'),
              }}
            />
            <div>
              <label htmlFor="summary" className="label">{t('summary')}</label>
              <textarea id="summary" name="summary" rows={5} maxLength={4000} required className="field" />
            </div>
            <div>
              <label htmlFor="files" className="label">{t('file')}</label>
              <FileInput id="files" name="files[]" multiple maxBytes={MAX_ATTACHMENT_BYTES} data-max-bytes={MAX_ATTACHMENT_BYTES} tooLargeText={tlim('fileTooLarge', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 })} accept={ATTACHMENT_ACCEPT} className="block w-full text-sm" />
            </div>
            <div>
              <label htmlFor="exceptionReason" className="label">{te('exceptionOptional')}</label>
              <textarea id="exceptionReason" name="exceptionReason" rows={2} maxLength={2000} aria-describedby="exception-hint" className="field" />
              <p id="exception-hint" className="mt-1 text-xs text-stone-600">{te('exceptionHint')}</p>
            </div>
            <button type="submit" name="intent" value="send" data-confirm={t('createAndSendConfirm')} className="btn-primary">{t('createAndSend')}</button>
          </ActionForm>
        </div>
        </>
      )}
    </div>
  );
}
