import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { ELIGIBLE_MAX, eligibleList, lastRecordedYear, recordUnits, ruleForms } from '@/lib/eligibility';
import { formatDate } from '@/lib/dates';
import { explain } from '@/lib/eligibility-rule';
import { orNotFound, parsePage, parseText } from '@/lib/route-params';
import { Link } from '@/lib/i18n/navigation';
import { unitPickerMode } from '@/lib/unit-picker';
import { UnitPicker } from '@/components/unit-picker';
import { LIST_FILTER_FROM, ListFilter } from '@/components/list-filter';
import { Pagination } from '@/components/pagination';

export default async function EligiblePage({ params, searchParams }: PageProps<'/[locale]/manage/records/eligible'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const sp = await searchParams;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
  const [t, tk] = await Promise.all([getTranslations('eligibility'), getTranslations('kind')]);
  // A nation's 10,000 units are searched, not listed: then only the chosen unit is read.
  const picker = await unitPickerMode(actor, [num(sp.unit), actor.unitId]);
  const unitsInScope = picker.search ? [] : await recordUnits(actor);
  const forms = await ruleForms(actor);
  const unitId = picker.search ? (picker.selected?.id ?? actor.unitId) : unitsInScope.some((u) => u.id === num(sp.unit)) ? num(sp.unit)! : actor.unitId;
  const kind = str(sp.kind) === 'collective' ? 'collective' : 'individual';
  const form = forms.find((f) => f.awardForm === str(sp.form))?.awardForm ?? forms.find((f) => f.kinds.includes(kind))?.awardForm ?? '';
  // By default the latest year the unit's records reach (ratings of last year may not be entered yet).
  const year = num(sp.year) ?? (await lastRecordedYear(actor, unitId));
  // A district's ten thousand people: a page at a time (`?p=`), found by name (`?q=`); the export has them all.
  const q = parseText(sp.q);
  const list = form ? await orNotFound(() => eligibleList(actor, { unitId, awardForm: form, kind, lastYear: year, q, page: parsePage(sp.p) })) : null;
  const keep = { unit: String(unitId), form, kind, year: String(year) };
  const query = new URLSearchParams(keep);
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link href={`/manage/records?unit=${unitId}`}>← {t('records.title')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{t('eligible.title')}</h1>
      <p className="text-stone-700">{t('eligible.intro')}</p>
      <form className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" method="get">
        <div>
          <UnitPicker id="el-unit" name="unit" label={t('eligible.unit')} mode={picker} defaultValue={unitId} options={unitsInScope.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        </div>
        <div>
          <label htmlFor="el-form" className="label">{t('eligible.form')}</label>
          <select id="el-form" name="form" defaultValue={form} className="field">
            {forms.map((f) => <option key={f.awardForm} value={f.awardForm}>{f.awardForm}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="el-kind" className="label">{t('eligible.kind')}</label>
          <select id="el-kind" name="kind" defaultValue={kind} className="field">
            <option value="individual">{tk('individual')}</option>
            <option value="collective">{tk('collective')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="el-year" className="label">{t('eligible.year')}</label>
          <input id="el-year" name="year" type="number" min={1945} max={2100} defaultValue={year} className="field" />
        </div>
        <button type="submit" className="btn-primary">{t('eligible.show')}</button>
      </form>
      {list ? (
        <section className="card space-y-3" aria-labelledby="el-h">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="el-h" className="text-lg font-semibold" data-testid="eligible-count">{list.tooMany ? t('eligible.title') : t('eligible.count', { met: list.met, total: list.total.people })}</h2>
            {list.tooMany ? null : <a href={`/manage/records/eligible.xlsx?${query}`} className="btn-secondary" download>{t('eligible.export')}</a>}
          </div>
          <p className="text-sm text-stone-700">{t('panel.terms', { date: formatDate(list.asOf, locale), year: list.lastYear })}</p>
          {list.rules.length === 0 ? <p>{t('eligible.noRules')}</p> : (
            <ul className="list-disc pl-5 text-sm">
              {list.rules.map((r) => <li key={r.id}><Link href={`/manage/rules/${r.id}`}>{r.name}</Link> — {r.verified ? t('panel.verified') : t('panel.toVerify')}</li>)}
            </ul>
          )}
          {list.tooMany ? <p role="status" className="font-semibold" data-testid="eligible-too-many">{t('eligible.tooMany', { max: ELIGIBLE_MAX })}</p> : null}
          {!list.tooMany && (list.total.people > LIST_FILTER_FROM || q) ? (
            <ListFilter param="q" value={q} keep={keep} anchor="el-h" list={t('eligible.title')} matching={list.total.matching} total={list.total.people} testId="eligible-filter" />
          ) : null}
          {list.tooMany ? null : list.total.people === 0 ? <p>{t('eligible.empty')}</p> : list.rows.length === 0 ? null : (
            <div className="overflow-x-auto">
              <table className="table" data-testid="eligible">
                <thead><tr><th scope="col">{t('eligible.name')}</th><th scope="col">{t('records.unit')}</th><th scope="col">{t('eligible.verdict')}</th>{list.rules.map((r) => <th key={r.id} scope="col">{r.name}</th>)}</tr></thead>
                <tbody>
                  {list.rows.map((r) => (
                    <tr key={r.nominee.id}>
                      <td><Link href={`/manage/people/${r.nominee.kind}/${r.nominee.id}`}>{r.name}</Link></td>
                      <td>{r.unit}</td>
                      <td><span className={`badge ${r.met ? 'bg-emerald-100 text-emerald-900' : 'bg-red-100 text-red-900'}`}>{r.met ? t('eligible.met') : t('eligible.notMet')}</span></td>
                      {r.verdicts.map((v) => <td key={v.rule.id} className="text-sm">{explain(v.result)}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination path="/manage/records/eligible" query={{ ...keep, q }} page={list.page} pageCount={list.pageCount} param="p" hash="el-h" />
        </section>
      ) : <p className="card">{t('eligible.noRules')}</p>}
    </div>
  );
}
