// A nominee's eligibility where the decision is made: each rule of the round's form, met or not, with its
// legal basis (and whether it was verified) and, under each condition, the records behind it year by year.
import { getTranslations } from 'next-intl/server';
import { formatDate } from '@/lib/dates';
import type { Eligibility } from '@/lib/eligibility';
import type { ConditionResult, YearRecord } from '@/lib/eligibility-rule';

type T = Awaited<ReturnType<typeof getTranslations<'eligibility'>>>;

function valueLabel(t: T, r: Pick<YearRecord, 'kind' | 'value'>): string {
  return r.kind !== 'award' && t.has(`values.${r.value}` as never) ? t(`values.${r.value}` as never) : r.value;
}

function RecordText({ t, r, locale }: { t: T; r: YearRecord & { fromAward?: boolean }; locale: string }) {
  const src = r.sourceNumber ? (r.sourceDate ? t('decisionDated', { number: r.sourceNumber, date: formatDate(r.sourceDate, locale) }) : t('decision', { number: r.sourceNumber })) : null;
  return (
    <>
      {valueLabel(t, r)}
      {src ? ` (${src}${r.fromAward ? ` — ${t('fromAward')}` : ''})` : ''}
    </>
  );
}

function Condition({ t, r, locale }: { t: T; r: ConditionResult; locale: string }) {
  const mark = (met: boolean) => <span className={`badge ${met ? 'bg-emerald-100 text-emerald-900' : 'bg-red-100 text-red-900'}`}>{met ? t('panel.met') : t('panel.notMet')}</span>;
  const list = (values: string[], kind: YearRecord['kind']) => values.map((v) => valueLabel(t, { kind, value: v })).join(', ');
  switch (r.type) {
    case 'consecutive':
      return (
        <li>
          {mark(r.met)} {t('cond.consecutive', { years: r.condition.years, values: list(r.condition.values, r.condition.kind) })}
          <ul className="ml-5 list-disc text-sm" data-testid="eligibility-years">
            {r.years.map((y) => (
              <li key={y.year} className={y.ok ? '' : 'text-red-900'}>
                <span className="tabular-nums">{y.year}</span>:{' '}
                {y.records.length ? y.records.map((x, i) => <span key={i}>{i ? '; ' : ''}<RecordText t={t} r={x} locale={locale} /></span>) : <strong>{t('missing')}</strong>}
                {y.conflict ? ` — ${t('conflict')}` : ''}
              </li>
            ))}
          </ul>
        </li>
      );
    case 'count':
      return (
        <li>
          {mark(r.met)} {t('cond.count', { min: r.condition.min, values: list(r.condition.values, r.condition.kind), from: r.from, to: r.to, found: r.found })}
          {r.records.length ? (
            <ul className="ml-5 list-disc text-sm">
              {r.records.map((x, i) => <li key={i}><span className="tabular-nums">{x.year}</span>: <RecordText t={t} r={x} locale={locale} /></li>)}
            </ul>
          ) : null}
        </li>
      );
    case 'not_already_awarded':
      return (
        <li>
          {mark(r.met)} {t('cond.notAwarded', { forms: (r.condition.forms ?? []).join(', ') || '…', from: r.from, to: r.to })}
          {r.awards.length ? (
            <ul className="ml-5 list-disc text-sm">
              {r.awards.map((x, i) => <li key={i}><span className="tabular-nums">{x.year}</span>: <RecordText t={t} r={x} locale={locale} /></li>)}
            </ul>
          ) : null}
        </li>
      );
    case 'all':
    case 'any':
      return (
        <li>
          {r.type === 'any' ? <>{mark(r.met)} {t('cond.any')}</> : null}
          <ul className={r.type === 'any' ? 'ml-5 space-y-1' : 'space-y-1'}>
            {r.parts.map((p, i) => <Condition key={i} t={t} r={p} locale={locale} />)}
          </ul>
        </li>
      );
  }
}

export async function EligibilityPanel({ eligibility: e, locale }: { eligibility: Eligibility; locale: string }) {
  const t = await getTranslations('eligibility');
  return (
    <section className="card space-y-3" aria-labelledby="eligibility-h" data-testid="eligibility">
      <h2 id="eligibility-h" className="text-lg font-semibold">{t('panel.title', { form: e.awardForm })}</h2>
      {e.met === null ? (
        <p className="text-stone-700">{t('panel.none', { form: e.awardForm })}</p>
      ) : (
        <>
          <p className="text-sm text-stone-700">{t('panel.terms', { date: formatDate(e.asOf, locale), year: e.lastYear })}</p>
          <p role="status" className={`font-semibold ${e.met ? 'text-emerald-900' : 'text-red-900'}`} data-testid="eligibility-verdict">
            {e.met ? t('panel.allMet') : e.exception ? t('panel.exception', { reason: e.exception }) : t('panel.someFailed')}
          </p>
          {e.verdicts.map((v) => (
            <div key={v.rule.id} className="space-y-1 border-t border-stone-200 pt-2" data-testid="eligibility-rule">
              <h3 className="font-semibold">
                {v.rule.name}{' '}
                <span className={`badge ${v.met ? 'bg-emerald-100 text-emerald-900' : 'bg-red-100 text-red-900'}`}>{v.met ? t('panel.met') : t('panel.notMet')}</span>
              </h3>
              <ul className="space-y-1">
                <Condition t={t} r={v.result} locale={locale} />
              </ul>
              <details className="text-sm text-stone-700">
                <summary className="cursor-pointer">
                  {t('panel.basis')} · <span className={v.rule.verified ? 'text-emerald-900' : 'font-semibold text-gold-700'}>{v.rule.verified ? t('panel.verified') : t('panel.toVerify')}</span>
                </summary>
                <p className="whitespace-pre-line">{v.rule.legalBasis}</p>
                <p className="whitespace-pre-line">{t('panel.source')}: {v.rule.source || '—'}</p>
              </details>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
