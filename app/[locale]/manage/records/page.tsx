import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { listUnitRecords, recordUnits } from '@/lib/eligibility';
import { hasRole } from '@/lib/policy';
import { unitPickerMode } from '@/lib/unit-picker';
import { formatDate } from '@/lib/dates';
import { Link } from '@/lib/i18n/navigation';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { Pagination } from '@/components/pagination';
import { RecordsImportForm } from '@/components/records-import-form';
import { UnitPicker } from '@/components/unit-picker';
import { checkRecords, confirmRecords, removeYearRecord } from './actions';

/** A file download (CSV), not a page: a plain link. */
const TEMPLATE = '/api/templates/records';

export default async function RecordsPage({ params, searchParams }: PageProps<'/[locale]/manage/records'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const sp = await searchParams;
  const num = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
  // A nation's 10,000 units are searched, not listed: then only the chosen unit is read.
  const picker = await unitPickerMode(actor, [num(sp.unit), actor.unitId]);
  const unitsInScope = picker.search ? [] : await recordUnits(actor);
  const unitId = picker.search ? (picker.selected?.id ?? actor.unitId) : unitsInScope.some((u) => u.id === num(sp.unit)) ? num(sp.unit)! : actor.unitId;
  const year = num(sp.year);
  const page = num(sp.page) ?? 1;
  const [t, ti, tk, errors] = await Promise.all([getTranslations('eligibility'), getTranslations('importPage'), getTranslations('kind'), errorMessages()]);
  const list = await listUnitRecords(actor, unitId, { year, page });
  const writer = hasRole(actor, 'officer') || hasRole(actor, 'admin');
  const valueLabel = (kind: string, v: string) => (kind !== 'award' && t.has(`values.${v}` as never) ? t(`values.${v}` as never) : v);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('records.title')}</h1>
      <p className="text-stone-700">{t('records.intro')}</p>
      <p><Link href={`/manage/records/eligible?unit=${unitId}`} className="btn-secondary">{t('records.eligibleLink')}</Link></p>

      {writer ? (
        <section className="card space-y-3" aria-labelledby="rec-import-h">
          <h2 id="rec-import-h" className="text-lg font-semibold">{t('records.importTitle')}</h2>
          <p className="text-sm"><a href={TEMPLATE} download>{t('records.template')}</a> · {t('records.awardValue')}</p>
          <RecordsImportForm
            locale={locale}
            check={checkRecords}
            confirm={confirmRecords}
            tooLarge={(await getTranslations('limits'))('fileTooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 })}
            labels={{ file: ti('file'), check: ti('check'), checking: ti('checking'), confirm: ti('confirm'), confirmText: ti('confirmText'), writing: ti('writing'), valid: ti.raw('valid') as string, written: ti.raw('written') as string, errorsTitle: ti.raw('errorsTitle') as string, row: ti('row'), column: ti('column'), value: ti('value'), reason: ti('reason') }}
          />
        </section>
      ) : null}

      <form className="card flex flex-wrap items-end gap-3" method="get">
        <div>
          <UnitPicker id="rec-unit" name="unit" label={t('records.unit')} mode={picker} defaultValue={unitId} options={unitsInScope.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        </div>
        <div>
          <label htmlFor="rec-year" className="label">{t('records.year')}</label>
          <input id="rec-year" name="year" type="number" min={1945} max={2100} defaultValue={year ?? ''} placeholder={t('records.allYears')} className="field w-32" />
        </div>
        <button type="submit" className="btn-secondary">{t('records.show')}</button>
      </form>

      <section className="card space-y-2" aria-labelledby="rec-list-h">
        <h2 id="rec-list-h" className="text-lg font-semibold">{t('records.total', { count: list.total })}</h2>
        {list.items.length === 0 ? (
          <p className="text-stone-700">{t('records.empty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" data-testid="records">
              <thead>
                <tr>
                  <th scope="col">{t('records.year')}</th>
                  <th scope="col">{t('records.nominee')}</th>
                  <th scope="col">{t('records.unit')}</th>
                  <th scope="col">{t('records.kind')}</th>
                  <th scope="col">{t('records.value')}</th>
                  <th scope="col">{t('records.source')}</th>
                  {writer ? <th scope="col"><span className="sr-only">{t('records.delete')}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {list.items.map((r) => (
                  <tr key={r.id}>
                    <td className="tabular-nums">{r.year}</td>
                    <td><Link href={`/manage/people/${r.nominee.kind}/${r.nominee.id}`}>{r.name}</Link> <span className="text-xs text-stone-600">({tk(r.nominee.kind)})</span></td>
                    <td>{r.unit}</td>
                    <td>{t(`kinds.${r.kind}`)}</td>
                    <td>{valueLabel(r.kind, r.value)}</td>
                    <td>{r.sourceDate ? t('decisionDated', { number: r.sourceNumber, date: formatDate(r.sourceDate, locale) }) : t('decision', { number: r.sourceNumber })}</td>
                    {writer ? (
                      <td>
                        <ActionForm action={removeYearRecord} submitLabel={t('records.delete')} submitAriaLabel={t('records.deleteLabel', { year: r.year, name: r.name })} confirmText={t('records.deleteConfirm')} errors={errors} variant="secondary">
                          <input type="hidden" name="recordId" value={r.id} />
                        </ActionForm>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination path="/manage/records" query={{ unit: String(unitId), year: year ? String(year) : undefined }} page={list.page} pageCount={list.pageCount} />
      </section>
    </div>
  );
}
