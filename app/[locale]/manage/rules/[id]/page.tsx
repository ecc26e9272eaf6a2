import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { getRule } from '@/lib/eligibility';
import { rulesRefusal } from '@/lib/policy';
import { orNotFound, parseId } from '@/lib/route-params';
import { formatDate } from '@/lib/dates';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { saveRule } from '../actions';

export default async function RulePage({ params }: PageProps<'/[locale]/manage/rules/[id]'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const rule = await orNotFound(() => getRule(actor, parseId(id)));
  const [t, tk, errors] = await Promise.all([getTranslations('eligibility'), getTranslations('kind'), errorMessages()]);
  const editable = rulesRefusal(actor, 'edit') === null;
  const pretty = (() => {
    try {
      return JSON.stringify(JSON.parse(rule.conditionsText), null, 2);
    } catch {
      return rule.conditionsText;
    }
  })();
  return (
    <article className="space-y-4">
      <p className="text-sm"><Link href="/manage/rules">← {t('rules.back')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{rule.name}</h1>
      <p className="text-stone-700">
        {t('rules.code')}: <code>{rule.code}</code> · {tk(rule.nomineeKind)} · {formatDate(rule.effectiveFrom, locale)} – {rule.effectiveTo ? formatDate(rule.effectiveTo, locale) : t('rules.open')} ·{' '}
        <span className={`badge ${rule.verified ? 'bg-emerald-100 text-emerald-900' : 'bg-gold-100 text-gold-700'}`} data-testid="rule-verified">{rule.verified ? t('panel.verified') : t('panel.toVerify')}</span>
      </p>
      {!rule.valid ? <p role="alert" className="font-semibold text-red-900">{t('rules.invalid')}</p> : null}
      {editable ? (
        <ActionForm action={saveRule} submitLabel={t('rules.save')} okText={t('rules.saved')} confirmText={t('rules.saveConfirm')} errors={errors} className="card grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="id" value={rule.id} />
          <div className="sm:col-span-2"><label htmlFor="r-name" className="label">{t('rules.name')}</label><input id="r-name" name="name" required minLength={3} maxLength={300} defaultValue={rule.name} className="field" /></div>
          <div className="sm:col-span-2"><label htmlFor="r-form" className="label">{t('rules.form')}</label><input id="r-form" name="awardForm" required maxLength={200} defaultValue={rule.awardForm} className="field" /></div>
          <div><label htmlFor="r-from" className="label">{t('rules.effectiveFrom')}</label><input id="r-from" name="effectiveFrom" type="date" required defaultValue={rule.effectiveFrom} className="field" /></div>
          <div><label htmlFor="r-to" className="label">{t('rules.effectiveTo')}</label><input id="r-to" name="effectiveTo" type="date" defaultValue={rule.effectiveTo ?? ''} className="field" /></div>
          <div className="sm:col-span-2">
            <label htmlFor="r-conditions" className="label">{t('rules.conditions')}</label>
            <textarea id="r-conditions" name="conditions" rows={12} required spellCheck={false} defaultValue={pretty} aria-describedby="r-conditions-hint" className="field font-mono text-sm" />
            <p id="r-conditions-hint" className="mt-1 text-xs text-stone-600">{t('rules.conditionsHint')}</p>
          </div>
          <div className="sm:col-span-2"><label htmlFor="r-basis" className="label">{t('rules.basis')}</label><textarea id="r-basis" name="legalBasis" rows={4} required maxLength={4000} defaultValue={rule.legalBasis} className="field" /></div>
          <div className="sm:col-span-2"><label htmlFor="r-source" className="label">{t('rules.source')}</label><textarea id="r-source" name="source" rows={3} maxLength={4000} defaultValue={rule.source} className="field" /></div>
          <label className="flex items-center gap-2"><input type="checkbox" name="verified" defaultChecked={rule.verified} /> {t('rules.verified')}</label>
          <label className="flex items-center gap-2"><input type="checkbox" name="active" defaultChecked={rule.active} /> {t('rules.active')}</label>
        </ActionForm>
      ) : (
        <section className="card space-y-2">
          <p className="text-sm text-stone-700">{t('rules.readOnly')}</p>
          <h2 className="font-semibold">{t('rules.form')}</h2>
          <p>{rule.awardForm}</p>
          <h2 className="font-semibold">{t('rules.conditions')}</h2>
          <pre className="overflow-x-auto text-sm">{pretty}</pre>
          <h2 className="font-semibold">{t('rules.basis')}</h2>
          <p className="whitespace-pre-line">{rule.legalBasis}</p>
          <h2 className="font-semibold">{t('rules.source')}</h2>
          <p className="whitespace-pre-line">{rule.source || '—'}</p>
        </section>
      )}
      {editable ? <p className="text-sm"><Link href={`/manage/audit?entity=eligibility_rule&id=${rule.id}`}>{t('rules.history')}</Link></p> : null}
    </article>
  );
}
