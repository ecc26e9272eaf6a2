import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { listRules } from '@/lib/eligibility';
import { formatDate } from '@/lib/dates';
import { Link } from '@/lib/i18n/navigation';

export default async function RulesPage({ params }: PageProps<'/[locale]/manage/rules'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const [t, tk] = await Promise.all([getTranslations('eligibility'), getTranslations('kind')]);
  const rules = await listRules(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('rules.title')}</h1>
      <p className="text-stone-700">{t('rules.intro')}</p>
      {rules.length === 0 ? <p className="card">{t('records.empty')}</p> : (
        <div className="card overflow-x-auto">
          <table className="table" data-testid="rules">
            <thead>
              <tr><th scope="col">{t('rules.name')}</th><th scope="col">{t('rules.form')}</th><th scope="col">{t('rules.kind')}</th><th scope="col">{t('rules.effective')}</th><th scope="col">{t('rules.source')}</th></tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <td><Link href={`/manage/rules/${r.id}`}>{r.name}</Link>{!r.active ? ` (${t('rules.inactive')})` : ''}{!r.valid ? <span className="block text-sm font-semibold text-red-900">{t('rules.invalid')}</span> : null}</td>
                  <td>{r.awardForm}</td>
                  <td>{tk(r.nomineeKind)}</td>
                  <td className="whitespace-nowrap">{formatDate(r.effectiveFrom, locale)} – {r.effectiveTo ? formatDate(r.effectiveTo, locale) : t('rules.open')}</td>
                  <td><span className={`badge ${r.verified ? 'bg-emerald-100 text-emerald-900' : 'bg-gold-100 text-gold-700'}`}>{r.verified ? t('panel.verified') : t('panel.toVerify')}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
