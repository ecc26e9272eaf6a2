import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { orNotFound, parseId } from '@/lib/route-params';
import { getNomination, getNominationTimeline, latestReturn, nominationPermissions } from '@/lib/nominations';
import { nominationOrigin } from '@/lib/proposals';
import { describeChanges, describeEvent } from '@/lib/audit-text';
import { formatDate } from '@/lib/dates';
import { StatusBadge } from '@/components/status-badge';
import { hasRole, isOffice } from '@/lib/policy';
import { Link } from '@/lib/i18n/navigation';
import { ActionForm } from '@/components/action-form';
import { VoteForm } from '@/components/vote-form';
import { getCouncilRule } from '@/lib/council';
import { FileInput } from '@/components/file-input';
import { PersonFields } from '@/components/person-fields';
import { errorMessages } from '@/components/error-messages';
import { listAttachments } from '@/lib/attachments';
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_BYTES } from '@/lib/upload-limits';
import { listFeedback } from '@/lib/consultation';
import { priorAwardsInTheme } from '@/lib/registry';
import { nominationEligibility } from '@/lib/eligibility';
import { EligibilityPanel } from '@/components/eligibility-panel';
import { comment, decide, detach, exclude, hideComment, markChecked, reconsider, removeDraft, returnWithReason, saveAll, withdraw } from './actions';

export default async function NominationPage({ params }: PageProps<'/[locale]/manage/nominations/[id]'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const nomination = await orNotFound(() => getNomination(actor, parseId(id)));
  const [t, ts, tk, ta, tl, th, errors] = await Promise.all([
    getTranslations('manage.nomination'),
    getTranslations('status'),
    getTranslations('kind'),
    getTranslations('nominationActions'),
    getTranslations('timeline'),
    getTranslations('history'),
    errorMessages(),
  ]);
  const timeline = await getNominationTimeline(actor, nomination.id);
  const returned = await latestReturn(actor, nomination.id);
  const origin = await nominationOrigin(actor, nomination.id);
  const tp = await getTranslations('proposals');
  const files = await listAttachments(actor, nomination.id);
  const publicComments = await listFeedback(actor, nomination.id);
  const prior = await priorAwardsInTheme(nomination, nomination.roundTheme, nomination.roundId);
  const eligibility = await nominationEligibility(actor, nomination.id);
  const te = await getTranslations('eligibility');
  const tc = await getTranslations('consultation');
  const tlim = await getTranslations('limits');
  const n = nomination;
  // What this actor may do now, judged by the same rules the actions apply; what they may not, and why.
  const { may, relevant, onBehalf } = await nominationPermissions(actor, n.id);
  const officerMay = may.edit === null;
  const reviewerMay = may.check === null || may.return === null;
  const approverMay = may.approve === null;
  // Shown on a signed-off list too: the refusal then says why, and how to unfreeze it.
  const approverMayReconsider = relevant.includes('reconsider') && (may.reconsider === null || may.reconsider === 'frozen');
  // Refusals worth explaining (not "not yours"), grouped by reason: "Submit, withdraw: …".
  const why = new Map<string, string[]>();
  for (const a of relevant) {
    const code = may[a];
    if (code && code !== 'forbidden' && code !== 'not_found' && !(code === 'frozen' && n.frozen)) why.set(code, [...(why.get(code) ?? []), ta(`why.action.${a}`)]);
  }
  const hidden = <input type="hidden" name="id" value={n.id} />;
  const council = approverMay ? await getCouncilRule(actor, n.roundId) : null;
  const tcouncil = await getTranslations('council');
  return (
    <article className="space-y-6">
      <p className="text-sm"><Link href="/manage/nominations">← {t('back')}</Link></p>
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{n.nomineeName}</h1>
        <p className="mt-1"><StatusBadge status={n.status} label={ts(n.status)} testId="nomination-status" /></p>
      </div>
      {origin ? (
        <section className="rounded-md border border-stone-300 bg-stone-50 px-4 py-3 text-sm" aria-labelledby="origin-h" data-testid="nomination-origin">
          <h2 id="origin-h" className="font-semibold">{tp('origin')}</h2>
          <p>{tp('originText', { unit: origin.unit, authority: origin.authority, round: origin.round })}</p>
          {origin.decisionNumber ? <p>{tp('originDecision', { number: origin.decisionNumber, date: origin.decisionDate ? formatDate(origin.decisionDate, locale) : '—' })}</p> : null}
          {origin.imported ? <p className="text-stone-700">{tp('originImported')}</p> : null}
        </section>
      ) : null}
      {returned ? (
        // The reason first: on a phone the history is far below.
        <div className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3" data-testid="latest-return">
          <h2 className="font-semibold text-red-900">{ta('latestReturn')}</h2>
          <p className="whitespace-pre-line text-stone-900">{returned.reason}</p>
          <p className="mt-1 text-sm text-stone-700">{returned.actor ?? ''}{returned.actor ? ' · ' : ''}<time dateTime={returned.at.toISOString()}>{formatDate(returned.at, locale, { time: true })}</time></p>
        </div>
      ) : null}
      {n.frozen ? (
        <p className="rounded-md border border-stone-300 bg-stone-100 px-4 py-3 text-sm" data-testid="frozen-notice">{ta('frozenNotice')}</p>
      ) : null}
      {why.size ? (
        <section className="rounded-md border border-stone-300 bg-stone-50 px-4 py-3 text-sm" aria-labelledby="why-h" data-testid="why-not">
          <h2 id="why-h" className="font-semibold">{ta('why.title')}</h2>
          <ul className="mt-1 list-disc pl-5">
            {[...why].map(([code, actions]) => (
              <li key={code}>{ta(`why.code.${code as 'invalid_state'}`, { actions: actions.join(', '), status: ts(n.status), round: ts(n.roundStatus) })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {prior.length ? (
        <div role="alert" className="rounded-md border-2 border-gold-400 bg-gold-100 px-4 py-3" data-testid="duplicate-warning">
          <p className="font-semibold">{ta('duplicateWarning')}</p>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {prior.map((p, i) => <li key={i}>{p.roundTitle} — {p.decisionNumber} ({formatDate(p.decisionDate, locale)})</li>)}
          </ul>
        </div>
      ) : null}
      <EligibilityPanel eligibility={eligibility} locale={locale} />
      <dl className="card grid gap-2 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">{t('round')}</dt>
        <dd>{n.roundTitle}</dd>
        <dt className="font-semibold">{t('unit')}</dt>
        <dd>{n.unitName} · {tk(n.kind)}</dd>
        <dt className="font-semibold">{t('status')}</dt>
        <dd><StatusBadge status={n.status} label={ts(n.status)} /></dd>
        {n.vote ? (
          <>
            <dt className="font-semibold">{ta('decision')}</dt>
            <dd>{ta('vote', n.vote)}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t('summary')}</dt>
        <dd className="whitespace-pre-line" data-testid="nomination-summary">{n.summary || '—'}</dd>
      </dl>

      <section className="card space-y-3" aria-labelledby="files-h">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="files-h" className="text-lg font-semibold">{ta('attachments')}</h2>
          <a href={`/manage/nominations/${n.id}/dossier.zip`} className="btn-secondary no-print" download>{ta('dossierZip')}</a>
        </div>
        {files.length === 0 ? (
          <p className="text-stone-700">{ta('noAttachments')}</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="attachments">
            {files.map((f) => (
              <li key={f.id}>
                <a href={`/api/attachments/${f.id}`}>{f.fileName}</a> <span className="text-sm text-stone-600">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
                {/^(application\/pdf|image\/(png|jpeg))$/.test(f.mimeType) ? (
                  <>
                    {' · '}
                    <a href={`/api/attachments/${f.id}?view=1`} target="_blank" rel="noopener" aria-label={ta('viewFile', { name: f.fileName })}>{ta('view')}</a>
                  </>
                ) : null}
                {officerMay ? (
                  <ActionForm action={detach} submitLabel={ta('detach')} submitAriaLabel={ta('detachLabel', { name: f.fileName })} confirmText={ta('detachConfirm')} errors={errors} variant="secondary" className="ml-2 inline-flex flex-wrap items-center gap-2">
                    <input type="hidden" name="attachmentId" value={f.id} />
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {officerMay ? (
        <section className="card space-y-4" aria-labelledby="edit-h">
          <h2 id="edit-h" className="text-lg font-semibold">{ta('edit')}</h2>
          <ActionForm action={saveAll} submitLabel={ta('save')} okText={ta('saved')} errors={errors} variant="secondary" className="space-y-4">
            {hidden}
            <fieldset className="space-y-3">
              <legend className="label">{ta('nomineeFields')}</legend>
              <div>
                <label htmlFor="name" className="label">{n.kind === 'individual' ? ta('fullName') : ta('collectiveName')}</label>
                <input id="name" name="name" required maxLength={200} defaultValue={n.nomineeName} className="field" />
              </div>
              {n.person ? (
                <PersonFields
                  text={{ position: ta('position'), gender: ta('gender'), male: ta('male'), female: ta('female'), other: ta('other'), birthYear: ta('birthYear'), partyMember: ta('partyMember') }}
                  defaults={n.person}
                />
              ) : null}
            </fieldset>
            <div>
              <label htmlFor="summary" className="label">{ta('summary')}</label>
              <textarea id="summary" name="summary" rows={5} maxLength={4000} required defaultValue={n.summary} className="field" />
            </div>
            <div>
              <label htmlFor="file" className="label">{ta('file')}</label>
              <FileInput id="file" name="files[]" multiple maxBytes={MAX_ATTACHMENT_BYTES} data-max-bytes={MAX_ATTACHMENT_BYTES} tooLargeText={tlim('fileTooLarge', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 })} accept={ATTACHMENT_ACCEPT} className="block w-full text-sm" />
            </div>
            <p className="text-sm text-stone-700">{ta('saveHint')}</p>
            {may.submit === null && eligibility.met === false ? (
              <div>
                <label htmlFor="exceptionReason" className="label">{te('exceptionLabel')}</label>
                <textarea id="exceptionReason" name="exceptionReason" rows={2} maxLength={2000} defaultValue={eligibility.exception ?? ''} aria-describedby="exception-hint" className="field" />
                <p id="exception-hint" className="mt-1 text-xs text-stone-600">{te('exceptionHint')}</p>
              </div>
            ) : null}
            {may.submit === null ? (
              <button type="submit" name="intent" value="send" data-confirm={ta('submitConfirm')} className="btn-primary">
                {n.status === 'returned' ? ta('resubmit') : ta('submit')}
              </button>
            ) : null}
          </ActionForm>
          {onBehalf ? <p className="text-sm text-stone-700" data-testid="on-behalf">{ta('onBehalf', { unit: n.unitName })}</p> : null}
          {n.status === 'draft' ? (
            <ActionForm action={removeDraft} submitLabel={ta('deleteDraft')} confirmText={ta('deleteDraftConfirm')} errors={errors} variant="secondary" className="border-t border-stone-200 pt-3">
              {hidden}
              <input type="hidden" name="locale" value={locale} />
            </ActionForm>
          ) : null}
        </section>
      ) : null}

      {may.withdraw === null || may.exclude === null ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{may.exclude === null ? ta('exclude') : ta('withdraw')}</summary>
          <div className="mt-3 space-y-4">
            {may.withdraw === null ? (
              <ActionForm action={withdraw} submitLabel={ta('withdraw')} confirmText={ta('withdrawConfirm')} errors={errors} variant="secondary" className="space-y-2">
                {hidden}
                <label htmlFor="withdraw-reason" className="label">{ta('withdrawReason')}</label>
                <textarea id="withdraw-reason" name="reason" rows={2} minLength={3} maxLength={2000} required className="field" />
              </ActionForm>
            ) : null}
            {may.exclude === null ? (
              <ActionForm action={exclude} submitLabel={ta('exclude')} confirmText={ta('excludeConfirm')} errors={errors} variant="secondary" className="space-y-2">
                {hidden}
                <label htmlFor="exclude-reason" className="label">{ta('excludeReason')}</label>
                <textarea id="exclude-reason" name="reason" rows={2} minLength={3} maxLength={2000} required className="field" />
              </ActionForm>
            ) : null}
          </div>
        </details>
      ) : null}

      {reviewerMay ? (
        <section className="card space-y-4" aria-labelledby="review-h">
          <h2 id="review-h" className="text-lg font-semibold">{ta('return')} / {ta('check')}</h2>
          {may.check === null ? (
            <ActionForm action={markChecked} submitLabel={ta('check')} confirmText={ta('checkConfirm')} errors={errors}>
              {hidden}
            </ActionForm>
          ) : null}
          <ActionForm action={returnWithReason} submitLabel={ta('return')} errors={errors} variant="secondary">
            {hidden}
            <label htmlFor="reason" className="label">{ta('reason')}</label>
            <textarea id="reason" name="reason" rows={3} maxLength={2000} required className="field" />
          </ActionForm>
        </section>
      ) : null}

      {approverMay ? (
        <section className="card space-y-4" aria-labelledby="decide-h">
          <h2 id="decide-h" className="text-lg font-semibold">{ta('decide')}</h2>
          <VoteForm
            action={decide}
            id={n.id}
            members={council!.members}
            errors={errors}
            voteErrors={tcouncil.raw('errors') as Record<string, string>}
            labels={{
              decision: ta('decision'),
              approve: ta('approve'),
              reject: ta('reject'),
              voteFor: ta('voteFor'),
              voteAgainst: ta('voteAgainst'),
              voteAbstain: ta('voteAbstain'),
              submit: ta('decision'),
              confirm: ta('decideConfirm'),
              rule: `${tcouncil('rule', { needed: council!.needed, members: council!.members, rule: tcouncil(`rules.${council!.rule}`) })}${council!.quorum != null ? ` ${tcouncil('quorum', { quorum: council!.quorum })}` : ''} ${tcouncil('basis', { basis: council!.basis })}`,
            }}
          />
        </section>
      ) : null}

      {approverMayReconsider ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{ta('reconsider')}</summary>
          <ActionForm action={reconsider} submitLabel={ta('reconsider')} confirmText={ta('reconsiderConfirm')} errors={errors} className="mt-3 space-y-2">
            {hidden}
            <label htmlFor="reconsider-reason" className="label">{ta('reconsiderReason')}</label>
            <textarea id="reconsider-reason" name="reason" rows={2} maxLength={2000} required className="field" />
          </ActionForm>
        </details>
      ) : null}

      {isOffice(actor) ? (
        <section className="card space-y-2" aria-labelledby="fb-h">
          <h2 id="fb-h" className="text-lg font-semibold">{tc('feedback')}</h2>
          {publicComments.length === 0 ? (
            <p className="text-stone-700">{tc('noFeedback')}</p>
          ) : (
            <ul className="space-y-2" data-testid="public-feedback">
              {publicComments.map((f) => (
                <li key={f.id} className="border-l-2 border-stone-300 pl-3">
                  <p className="text-sm text-stone-600">{formatDate(f.at, locale, { time: true })} · {f.name ?? tc('anonymous')}</p>
                  <p className="whitespace-pre-line">{f.body}</p>
                  {hasRole(actor, 'reviewer') || hasRole(actor, 'admin') ? (
                    <details className="mt-1 text-sm">
                      <summary className="cursor-pointer">{tc('hide')}</summary>
                      <ActionForm action={hideComment} submitLabel={tc('hide')} confirmText={tc('hideConfirm')} errors={errors} variant="secondary" className="mt-2 space-y-2">
                        <input type="hidden" name="feedbackId" value={f.id} />
                        <label htmlFor={`hide-${f.id}`} className="label">{tc('hideReason')}</label>
                        <textarea id={`hide-${f.id}`} name="reason" rows={2} maxLength={500} required className="field" />
                      </ActionForm>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="card space-y-4" aria-labelledby="timeline-h">
        <h2 id="timeline-h" className="text-lg font-semibold">{ta('timeline')}</h2>
        {timeline.length === 0 ? (
          <p>{ta('noTimeline')}</p>
        ) : (
          <ol className="space-y-2" data-testid="timeline">
            {timeline.map((e, i) => {
              const changes = e.kind === 'event' && e.action !== 'nomination.create' ? describeChanges(e, th) : [];
              return (
                <li key={i} className={`border-l-4 pl-3 ${e.action === 'nomination.return' || e.action === 'nomination.reject' ? 'border-red-700' : 'border-gold-400'}`}>
                  <p className="text-sm text-stone-600"><time dateTime={e.at.toISOString()}>{formatDate(e.at, locale, { time: true })}</time></p>
                  {e.kind === 'event' ? (
                    <p className="whitespace-pre-line" data-action={e.action}>{describeEvent(e, th)}</p>
                  ) : (
                    <p data-action={e.action}><strong>{e.actor ?? ''}</strong> · {tl.has(e.action) ? tl(e.action) : e.action}</p>
                  )}
                  {e.body ? <p className="whitespace-pre-line text-stone-800">{e.body}</p> : null}
                  {changes.length ? <ul className="text-sm text-stone-700">{changes.map((c, j) => <li key={j}>{c}</li>)}</ul> : null}
                </li>
              );
            })}
          </ol>
        )}
        <ActionForm action={comment} submitLabel={ta('comment')} errors={errors} variant="secondary">
          {hidden}
          <label htmlFor="body" className="label">{ta('commentLabel')}</label>
          <textarea id="body" name="body" rows={2} maxLength={2000} required className="field" />
        </ActionForm>
      </section>
    </article>
  );
}
