// "Đề nghị lên cấp trên" on a round's page: its awards, where each was proposed and what became of it there
// (with the higher office's reason), and — for the round's admins once decided — the form that proposes the
// chosen ones to an open round of the level above, or downloads them as a signed file for another deployment.
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { LIST_FILTER_FROM, ListFilter } from '@/components/list-filter';
import { Pagination } from '@/components/pagination';
import { SelectAll } from '@/components/select-all';
import { StatusBadge } from '@/components/status-badge';
import { isDomainError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';
import { getProposalView, PROPOSAL_PAGE_SIZE, proposalSigningConfigured, type ProposalView } from '@/lib/proposals';
import { proposeUpAction } from './actions';

/**
 * `q`, `page`: the section's own query parameters (`pq`, `pp`: a province's list of a thousand awards is shown a
 * page at a time and found by name); `keep`: the round page's other parameters, kept by the section's links.
 */
export async function ProposalsSection({ actor, roundId, slug, q, page, keep }: { actor: Actor; roundId: number; slug: string; q?: string; page?: number; keep: Record<string, string | undefined> }) {
  let view: ProposalView;
  try {
    view = await getProposalView(actor, roundId, { q, page });
  } catch (e) {
    if (isDomainError(e)) return null;
    throw e;
  }
  // Nothing to show before a decision, unless something was proposed already.
  if (view.blocked === 'not_decided' && view.counts.proposed === 0) return null;
  const [t, ts, tk, base] = await Promise.all([getTranslations('proposals'), getTranslations('status'), getTranslations('kind'), errorMessages()]);
  const errors = { ...base, conflict: t.raw('conflict') as string, window_closed: t.raw('windowClosed') as string };
  const statusCounts = Object.entries(view.counts).filter(([k, n]) => k !== 'proposed' && n);
  // Chosen on this page; the whole list may hold more (view.total.choosable).
  const choosable = view.awards.filter((a) => !a.revoked && a.proposed.length === 0);
  const paged = view.pageCount > 1;
  const table = (selectable: boolean, name: string) => (
    <table className="table" data-testid={selectable ? 'proposal-awards' : undefined}>
      <thead>
        <tr>
          {selectable ? <th scope="col"><span className="sr-only">{t('choose')}</span></th> : null}
          <th scope="col">{t('colName')}</th>
          <th scope="col">{t('colUnit')}</th>
          <th scope="col">{t('colOutcome')}</th>
        </tr>
      </thead>
      <tbody>
        {view.awards.map((a) => (
          <tr key={a.id} data-testid="proposal-row">
            {selectable ? (
              <td>
                <input type="checkbox" name={name} value={a.id} id={`${name}-${a.id}`} disabled={a.revoked || a.proposed.length > 0} aria-label={t('select', { name: a.name })} />
              </td>
            ) : null}
            <td>
              {selectable ? <label htmlFor={`${name}-${a.id}`}>{a.name}</label> : a.name}
              <span className="block text-xs text-stone-700">{tk(a.kind)}{a.position ? ` · ${a.position}` : ''}</span>
            </td>
            <td>{a.unit}</td>
            <td>
              {a.revoked ? <span>{t('revoked')}</span> : null}
              {a.proposed.length === 0 && !a.revoked ? <span className="text-stone-700">{t('notProposed')}</span> : null}
              <ul className="space-y-1">
                {a.proposed.map((p, i) => (
                  <li key={i} data-testid="proposed-item">
                    <span className="text-sm">{p.roundTitle}: </span>
                    <StatusBadge status={p.status} label={ts(p.status)} />
                    {p.vote ? <span className="ml-1 text-sm">{t('vote', p.vote)}</span> : null}
                    {p.reason ? <span className="block text-sm text-red-900">{t('reason', { reason: p.reason })}</span> : null}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="card space-y-3" aria-labelledby="proposals-h" data-testid="proposals">
      <h2 id="proposals-h" className="text-lg font-semibold">{t('title')}</h2>
      <p className="text-sm text-stone-700">{t('intro')}</p>
      <p className="font-medium" data-testid="proposals-summary">
        {t('summary', { proposed: view.counts.proposed })}
        {statusCounts.length ? ` — ${statusCounts.map(([s, n]) => `${ts(s as 'draft')}: ${n}`).join(', ')}` : ''}
      </p>
      {view.total.awards === 0 ? <p>{t('empty')}</p> : null}
      {view.blocked === 'no_target' ? <p className="text-sm text-stone-700">{t('noTarget')}</p> : null}
      {view.total.awards > LIST_FILTER_FROM || q ? (
        <ListFilter param="pq" value={q} keep={keep} anchor="proposals-h" list={t('title')} matching={view.total.matching} total={view.total.awards} testId="proposals-filter" />
      ) : null}
      {paged ? <p className="text-sm text-stone-700">{t('pageNote', { total: view.total.awards, size: PROPOSAL_PAGE_SIZE })}</p> : null}
      {view.awards.length > 0 && !view.canPropose ? table(false, '') : null}
      {/* Kept while every award is proposed: the form's outcome stays on screen after the last one is sent. */}
      {view.canPropose && view.awards.length > 0 ? (
        <ActionForm action={proposeUpAction} submitLabel={t('send')} confirmText={t('confirm')} okText={t('sent')} errors={errors} className="space-y-3">
          <input type="hidden" name="id" value={roundId} />
          <label className="block">
            <span className="label">{t('target')}</span>
            <select name="toRoundId" className="field" required>
              {view.targets.map((r) => (
                <option key={r.id} value={r.id}>{t('targetOption', { title: r.title, unit: r.unitName, awardForm: r.awardForm })}</option>
              ))}
            </select>
          </label>
          {choosable.length > 1 ? <SelectAll name="awardIds" label={t(paged ? 'selectAllPage' : 'selectAll')} /> : null}
          {view.total.choosable === 0 ? <p className="text-sm text-stone-700">{t('allProposed')}</p> : null}
          {table(true, 'awardIds')}
        </ActionForm>
      ) : null}
      <Pagination path={`/manage/rounds/${roundId}`} query={{ ...keep, pq: q }} page={view.page} pageCount={view.pageCount} param="pp" hash="proposals-h" />
      {view.canPropose && choosable.length > 0 ? (
        <details className="rounded-md border border-stone-300 px-3 py-2">
          <summary className="cursor-pointer font-medium">{t('exportTitle')}</summary>
          <p className="mt-2 text-sm text-stone-700">{t('exportIntro')}</p>
          {proposalSigningConfigured() ? (
            <form method="get" action={`/manage/rounds/${slug}/export/proposal.zip`} className="mt-2 space-y-2">
              <fieldset>
                <legend className="label">{t('exportChoose')}</legend>
                <ul className="space-y-1">
                  {choosable.map((a) => (
                    <li key={a.id}>
                      <label className="inline-flex items-center gap-2"><input type="checkbox" name="award" value={a.id} defaultChecked /> {a.name}</label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className="btn-secondary">{t('exportButton')}</button>
            </form>
          ) : (
            <p className="mt-2 text-sm" data-testid="proposal-no-key">{t('exportNoKey')}</p>
          )}
        </details>
      ) : null}
    </section>
  );
}
