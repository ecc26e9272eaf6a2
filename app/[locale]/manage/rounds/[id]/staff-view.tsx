// A round as the staff who do not administer it see it (officers, reviewers, approvers): its rules and
// deadline, where its work stands, the pages where they act — and, when they cannot act yet, why. Works in
// every status, before publication too (the public page exists only once the round is published).
import { getTranslations } from 'next-intl/server';
import { hasRole, type Actor } from '@/lib/policy';
import type { RoundRules } from '@/lib/progress';
import { Link } from '@/lib/i18n/navigation';
import { RoundRulesPanel } from '@/components/round-rules';

export async function StaffRoundView({ actor, rules, locale }: { actor: Actor; rules: RoundRules; locale: string }) {
  const [t, ts, tco, tso] = await Promise.all([getTranslations('roundAdmin'), getTranslations('status'), getTranslations('council'), getTranslations('signoff')]);
  const approver = hasRole(actor, 'approver');
  const reviewing = rules.status === 'reviewing';
  // What this person's roles can do in the round's status, in words.
  const notes = (['officer', 'reviewer', 'approver'] as const).filter((r) => hasRole(actor, r)).map((r) => t(`staffNote.${r}.${rules.status}` as 'staffNote.officer.open'));
  return (
    <article className="space-y-6">
      <p className="text-sm"><Link href="/manage/rounds">← {t('open')}</Link></p>
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{rules.title}</h1>
        <p className="mt-1" data-testid="round-status">{t('status', { status: ts(rules.status) })}</p>
      </div>
      <section className="rounded-md border border-stone-300 bg-stone-50 px-4 py-3 text-sm" aria-labelledby="staff-note-h" data-testid="staff-round-note">
        <h2 id="staff-note-h" className="font-semibold">{t('staffNoteTitle')}</h2>
        <ul className="mt-1 list-disc pl-5">
          {notes.map((n) => <li key={n}>{n}</li>)}
          <li>{t('staffAdminOnly')}</li>
        </ul>
      </section>
      <ul className="flex flex-wrap gap-2">
        <li><Link className="btn-primary" href={`/manage/nominations?round=${rules.id}`}>{t('staffNominations')}</Link></li>
        {approver && reviewing ? <li><Link className="btn-secondary" href={`/manage/rounds/${rules.id}/council`}>{tco('link')}</Link></li> : null}
        {approver && reviewing ? <li><Link className="btn-secondary" href={`/manage/rounds/${rules.id}/signoff`}>{tso('link')}</Link></li> : null}
      </ul>
      <RoundRulesPanel rules={rules} locale={locale} />
    </article>
  );
}
