// A round's rules where the officer works: criteria, the deadline with the days left, and the quotas that
// bind the unit with how much of them is used.
import { getTranslations } from 'next-intl/server';
import { formatDate } from '@/lib/dates';
import type { RoundRules } from '@/lib/progress';

export async function RoundRulesPanel({ rules, locale, headingLevel = 2 }: { rules: RoundRules; locale: string; headingLevel?: 2 | 3 }) {
  const [t, tk] = await Promise.all([getTranslations('progress'), getTranslations('kind')]);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const left = rules.daysLeft;
  const urgent = left != null && left <= 3;
  return (
    <section className="card space-y-2" aria-labelledby={`rules-${rules.id}`} data-testid="round-rules">
      <H id={`rules-${rules.id}`} className="text-lg font-semibold">{t('rulesTitle', { title: rules.title })}</H>
      <p className="text-sm text-stone-700">{rules.awardForm} · {rules.authority}</p>
      {rules.windowClosesAt ? (
        <p data-testid="round-deadline" className={urgent ? 'font-semibold text-red-800' : ''}>
          {t('deadline', { date: formatDate(rules.windowClosesAt, locale, { time: true }) })}{' '}
          <span className={`badge ${urgent ? 'bg-red-700 text-white' : 'bg-emerald-100 text-emerald-900'}`}>
            {left! < 0 ? t('closed') : left === 0 ? t('lastDay') : t('daysLeft', { days: left! })}
          </span>
        </p>
      ) : (
        <p>{t('noDeadline')}</p>
      )}
      {rules.unitQuotas.length || rules.roundQuota.collectives != null || rules.roundQuota.individuals != null ? (
        <ul className="space-y-1 text-sm" data-testid="quota-use">
          {rules.roundQuota.collectives != null ? <li>{t('roundQuota', { kind: tk('collective'), quota: rules.roundQuota.collectives })}</li> : null}
          {rules.roundQuota.individuals != null ? <li>{t('roundQuota', { kind: tk('individual'), quota: rules.roundQuota.individuals })}</li> : null}
          {rules.unitQuotas.map((q) => (
            <li key={`${q.unitId}-${q.kind}`} className={q.nominated > q.quota ? 'font-semibold text-red-800' : ''}>
              {t('unitQuota', { unit: q.unit, kind: tk(q.kind), nominated: q.nominated, approved: q.approved, quota: q.quota })}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary className="cursor-pointer font-semibold">{t('criteria')}</summary>
        <p className="mt-2 whitespace-pre-line text-stone-800" data-testid="round-criteria">{rules.criteria || '—'}</p>
      </details>
    </section>
  );
}
