import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { getRegistryEntry } from '@/lib/registry';
import { formatDate } from '@/lib/dates';
import { orNotFound, parseId } from '@/lib/route-params';
import { Link } from '@/lib/i18n/navigation';
import { hasRole } from '@/lib/policy';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { editCollective, editIndividual, mergeDuplicate } from '../../actions';
import { listRecords } from '@/lib/eligibility';
import { INITIATIVE_SCOPES, RATINGS, TITLES } from '@/lib/eligibility-rule';
import { addYearRecord, removeYearRecord } from '../../../records/actions';

export default async function RegistryEntryPage({ params }: PageProps<'/[locale]/manage/people/[kind]/[id]'>) {
  const { locale, kind, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (kind !== 'individual' && kind !== 'collective') notFound();
  const entry = await orNotFound(() => getRegistryEntry(actor, kind, parseId(id)));
  const [t, ts, tk, ta, errors] = await Promise.all([getTranslations('registry'), getTranslations('status'), getTranslations('kind'), getTranslations('nominationActions'), errorMessages()]);
  const hidden = <input type="hidden" name="id" value={entry.id} />;
  const te = await getTranslations('eligibility');
  const records = await listRecords(actor, { kind, id: entry.id });
  const writer = hasRole(actor, 'officer') || hasRole(actor, 'admin');
  const valueLabel = (k: string, v: string) => (k !== 'award' && te.has(`values.${v}` as never) ? te(`values.${v}` as never) : v);
  return (
    <article className="space-y-4">
      <p className="text-sm"><Link href={`/manage/people?kind=${kind}`}>← {t('title')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{entry.name}</h1>
      <p className="text-stone-700">{tk(kind)} · {[entry.position, entry.unit, entry.birthYear].filter(Boolean).join(' · ')} · <span data-testid="record-id">ID {entry.id}</span></p>
      <section className="card space-y-2" aria-labelledby="hist-h">
        <h2 id="hist-h" className="text-lg font-semibold">{t('history')}</h2>
        {entry.history.length === 0 ? (
          <p>{t('noHistory')}</p>
        ) : (
          <ul className="space-y-2" data-testid="history">
            {entry.history.map((h) => (
              <li key={h.nominationId} className="border-l-2 border-gold-400 pl-3">
                <p className="font-medium">{h.roundTitle}</p>
                <p className="text-sm text-stone-700">
                  {ts(h.status)}
                  {h.awardId ? ` · ${t('awarded')} ${h.decisionNumber ?? ''} ${formatDate(h.decisionDate, locale)}` : ''}
                  {h.revoked ? ` · ${t('revoked')}` : ''}
                  {h.source === 'archive' ? ` · ${t('archive')}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card space-y-3" aria-labelledby="yr-h">
        <h2 id="yr-h" className="text-lg font-semibold">{te('records.title')}</h2>
        {records.length === 0 ? (
          <p className="text-stone-700">{te('records.empty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" data-testid="yearly-records">
              <thead><tr><th scope="col">{te('records.year')}</th><th scope="col">{te('records.kind')}</th><th scope="col">{te('records.value')}</th><th scope="col">{te('records.source')}</th><th scope="col">{te('records.note')}</th>{writer ? <th scope="col"><span className="sr-only">{te('records.delete')}</span></th> : null}</tr></thead>
              <tbody>
                {records.map((r, i) => (
                  <tr key={r.id ?? `a${i}`}>
                    <td className="tabular-nums">{r.year}</td>
                    <td>{te(`kinds.${r.kind}`)}</td>
                    <td>{valueLabel(r.kind, r.value)}</td>
                    <td>{r.sourceNumber ? (r.sourceDate ? te('decisionDated', { number: r.sourceNumber, date: formatDate(r.sourceDate, locale) }) : te('decision', { number: r.sourceNumber })) : '—'}{r.fromAward ? ` ${te('records.fromAward')}` : ''}</td>
                    <td>{r.note ?? ''}</td>
                    {writer ? (
                      <td>
                        {r.id !== null ? (
                          <ActionForm action={removeYearRecord} submitLabel={te('records.delete')} submitAriaLabel={te('records.deleteLabel', { year: r.year, name: entry.name })} confirmText={te('records.deleteConfirm')} errors={errors} variant="secondary">
                            <input type="hidden" name="recordId" value={r.id} />
                          </ActionForm>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {writer ? (
          <details>
            <summary className="cursor-pointer font-semibold">{te('records.add')}</summary>
            <ActionForm action={addYearRecord} submitLabel={te('records.add')} okText={te('records.added')} errors={errors} className="mt-3 grid gap-3 sm:grid-cols-2">
              <input type="hidden" name="nomineeKind" value={kind} />
              <input type="hidden" name="nomineeId" value={entry.id} />
              <div><label htmlFor="yr-year" className="label">{te('records.year')}</label><input id="yr-year" name="year" type="number" min={1945} max={2100} required className="field" /></div>
              <div>
                <label htmlFor="yr-kind" className="label">{te('records.kind')}</label>
                <select id="yr-kind" name="kind" className="field">
                  {(['rating', 'title', 'initiative', 'award'] as const).map((k) => <option key={k} value={k}>{te(`kinds.${k}`)}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor="yr-value" className="label">{te('records.value')}</label>
                <select id="yr-value" name="value" className="field">
                  <optgroup label={te('kinds.rating')}>{RATINGS.map((v) => <option key={v} value={v}>{valueLabel('rating', v)}</option>)}</optgroup>
                  <optgroup label={te('kinds.title')}>{TITLES.map((v) => <option key={v} value={v}>{valueLabel('title', v)}</option>)}</optgroup>
                  <optgroup label={te('kinds.initiative')}>{INITIATIVE_SCOPES.map((v) => <option key={v} value={v}>{valueLabel('initiative', v)}</option>)}</optgroup>
                </select>
              </div>
              <div>
                <label htmlFor="yr-award" className="label">{te('kinds.award')}</label>
                <input id="yr-award" name="awardValue" maxLength={200} aria-describedby="yr-award-hint" className="field" />
                <p id="yr-award-hint" className="mt-1 text-xs text-stone-600">{te('records.awardValue')}</p>
              </div>
              <div><label htmlFor="yr-number" className="label">{te('records.sourceNumber')}</label><input id="yr-number" name="sourceNumber" required maxLength={100} className="field" /></div>
              <div><label htmlFor="yr-date" className="label">{te('records.sourceDate')}</label><input id="yr-date" name="sourceDate" type="date" className="field" /></div>
              <div className="sm:col-span-2"><label htmlFor="yr-note" className="label">{te('records.note')}</label><input id="yr-note" name="note" maxLength={1000} className="field" /></div>
            </ActionForm>
          </details>
        ) : null}
      </section>
      {kind === 'individual' && (hasRole(actor, 'officer') || hasRole(actor, 'admin')) ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t('edit')}</summary>
          <ActionForm action={editIndividual} submitLabel={t('save')} okText={t('saved')} errors={errors} className="mt-3 grid gap-3 sm:grid-cols-2">
            {hidden}
            <div><label htmlFor="e-name" className="label">{t('name')}</label><input id="e-name" name="fullName" required maxLength={200} defaultValue={entry.name} className="field" /></div>
            <div><label htmlFor="e-position" className="label">{ta('position')}</label><input id="e-position" name="position" maxLength={200} defaultValue={entry.position ?? ''} className="field" /></div>
            <div>
              <label htmlFor="e-gender" className="label">{ta('gender')}</label>
              <select id="e-gender" name="gender" defaultValue={entry.gender ?? ''} className="field">
                <option value="">—</option><option value="male">{ta('male')}</option><option value="female">{ta('female')}</option><option value="other">{ta('other')}</option>
              </select>
            </div>
            <div><label htmlFor="e-year" className="label">{ta('birthYear')}</label><input id="e-year" name="birthYear" type="number" min={1900} max={2030} defaultValue={entry.birthYear ?? ''} className="field" /></div>
            <label className="flex items-center gap-2"><input type="checkbox" name="partyMember" defaultChecked={!!entry.partyMember} /> {ta('partyMember')}</label>
          </ActionForm>
        </details>
      ) : null}
      {kind === 'collective' && (hasRole(actor, 'officer') || hasRole(actor, 'admin')) ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t('edit')}</summary>
          <ActionForm action={editCollective} submitLabel={t('save')} okText={t('saved')} errors={errors} className="mt-3 space-y-2">
            {hidden}
            <label htmlFor="c-name" className="label">{t('name')}</label>
            <input id="c-name" name="name" required maxLength={300} defaultValue={entry.name} className="field" />
          </ActionForm>
        </details>
      ) : null}
      {hasRole(actor, 'admin') ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t('merge')}</summary>
          <p className="mt-2 text-sm text-stone-700">{t('mergeHelp')}</p>
          <ActionForm action={mergeDuplicate} submitLabel={t('merge')} confirmText={t('mergeConfirm')} okText={t('saved')} errors={errors} className="mt-3 space-y-2">
            {hidden}
            <input type="hidden" name="kind" value={kind} />
            <label htmlFor="m-dup" className="label">{t('duplicateId')}</label>
            <input id="m-dup" name="duplicate" type="number" min={1} required className="field w-40" />
          </ActionForm>
        </details>
      ) : null}
    </article>
  );
}
