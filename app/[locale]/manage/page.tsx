import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { parsePage } from '@/lib/route-params';
import { requireActor } from '@/lib/actor';
import { countNominations } from '@/lib/nominations';
import { nominationQueryString } from '@/lib/nomination-query';
import { listRoundsInProgress, PROGRESS_ROWS_SHOWN, PROGRESS_STATUSES, roundProgress, ROUNDS_IN_PROGRESS_PAGE } from '@/lib/progress';
import { countRounds } from '@/lib/rounds';
import { Link } from '@/lib/i18n/navigation';
import { localePath } from '@/lib/i18n/paths';
import { hasRole } from '@/lib/policy';
import { RoundRulesPanel } from '@/components/round-rules';
import { Pagination } from '@/components/pagination';

const roundSchema = z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined);

export default async function ManageHome({ params, searchParams }: PageProps<'/[locale]/manage'>) {
  const { locale } = await params;
  const sp = await searchParams;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const [t, tp, ts, tk, ta] = await Promise.all([getTranslations('manage'), getTranslations('progress'), getTranslations('status'), getTranslations('kind'), getTranslations('nominationActions')]);
  const roundCount = await countRounds(actor);
  const nominationCount = await countNominations(actor);
  // A national office has hundreds of rounds in progress: a page of them at a time.
  // `?round=`: one round alone, with every unit of its progress; the list shows the first units of each.
  const focus = roundSchema.parse(Array.isArray(sp.round) ? sp.round[0] : sp.round);
  const { rounds: inProgress, total: inProgressTotal, page, pageCount } = await listRoundsInProgress(actor, { page: parsePage(sp.page), only: focus });
  const firstShown = (page - 1) * ROUNDS_IN_PROGRESS_PAGE + 1;
  const progress = await Promise.all(inProgress.map((rules) => roundProgress(actor, rules.id)));
  // The progress tables' counts are plain links (a round alone lists every unit: a national round's thousand units
  // made seven thousand client-side links, each its own entry in the page's React payload).
  const list = (q: Parameters<typeof nominationQueryString>[0]) => localePath(locale, `/manage/nominations?${nominationQueryString(q)}`);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
        {/* The officer's most frequent task, one click from the dashboard while a round takes nominations. */}
        {hasRole(actor, 'officer') && inProgress.some((r) => r.status === 'open') ? (
          <Link href="/manage/nominations/new" className="btn-primary">{ta('new')}</Link>
        ) : null}
      </div>
      <dl className="grid gap-4 sm:grid-cols-2">
        <div className="card">
          <dt className="text-sm text-stone-700">{t('dashboard.rounds')}</dt>
          <dd className="text-3xl font-bold text-brand-700">{roundCount}</dd>
        </div>
        <div className="card">
          <dt className="text-sm text-stone-700">{t('dashboard.nominations')}</dt>
          <dd className="text-3xl font-bold text-brand-700" data-testid="nominations-in-scope">{nominationCount}</dd>
        </div>
      </dl>
      {inProgress.length === 0 ? <p className="card">{tp('noRoundsInProgress')}</p> : null}
      {pageCount > 1 ? (
        <p className="text-sm text-stone-700" data-testid="rounds-in-progress-shown">
          {tp('roundsInProgressShown', { count: inProgressTotal, from: firstShown, to: firstShown + inProgress.length - 1 })}
        </p>
      ) : null}
      {focus ? <p className="text-sm"><Link href="/manage">← {tp('allRoundsInProgress')}</Link></p> : null}
      {inProgress.map((rules, i) => {
        const { rows: all, totals } = progress[i];
        const rows = focus ? all : all.slice(0, PROGRESS_ROWS_SHOWN);
        return (
          <div key={rules.id} className="space-y-3">
            <RoundRulesPanel rules={rules} locale={locale} />
            <section className="card overflow-x-auto p-0 sm:p-0" aria-labelledby={`progress-${rules.id}`}>
              <h2 id={`progress-${rules.id}`} className="px-4 pt-4 text-lg font-semibold sm:px-6">{tp('progressTitle')}</h2>
              {rows.length === 0 ? (
                <p className="px-4 pb-4 sm:px-6">{tp('noNominations')}</p>
              ) : (
                <table className="table" data-testid={`progress-${rules.id}`}>
                  <thead>
                    <tr>
                      <th scope="col">{tp('unit')}</th>
                      {PROGRESS_STATUSES.map((s) => <th key={s} scope="col" className="text-right">{ts(s)}</th>)}
                      <th scope="col" className="text-right">{tp('total')}</th>
                      <th scope="col">{tp('againstQuota')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.unitId} data-unit={r.unitId}>
                        <th scope="row" className="font-normal">{r.unit}</th>
                        {PROGRESS_STATUSES.map((s) => (
                          <td key={s} className="text-right tabular-nums">
                            {r.counts[s] ? <a href={list({ round: rules.id, unit: r.unitId, status: s })} data-status={s} aria-label={tp('countLink', { count: r.counts[s], status: ts(s), unit: r.unit })}>{r.counts[s]}</a> : <span className="text-stone-600">0</span>}
                          </td>
                        ))}
                        <td className="text-right tabular-nums"><a href={list({ round: rules.id, unit: r.unitId })} data-status="all" aria-label={tp('totalLink', { count: r.total, unit: r.unit })}>{r.total}</a></td>
                        <td className="whitespace-nowrap text-sm">
                          {r.quota.collectives != null ? <span className="block">{tp('quotaCell', { kind: tk('collective'), approved: r.approvedByKind.collective, quota: r.quota.collectives })}</span> : null}
                          {r.quota.individuals != null ? <span className="block">{tp('quotaCell', { kind: tk('individual'), approved: r.approvedByKind.individual, quota: r.quota.individuals })}</span> : null}
                          {r.quota.collectives == null && r.quota.individuals == null ? '—' : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{tp('total')}</th>
                      {PROGRESS_STATUSES.map((s) => (
                        <td key={s} className="text-right font-semibold tabular-nums">{totals[s] ? <a href={list({ round: rules.id, status: s })}>{totals[s]}</a> : 0}</td>
                      ))}
                      <td className="text-right font-semibold tabular-nums"><a href={list({ round: rules.id })}>{totals.total}</a></td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              )}
              {rows.length < all.length ? (
                <p className="px-4 pb-4 text-sm sm:px-6">
                  <Link href={`/manage?round=${rules.id}`} data-testid={`progress-all-${rules.id}`}>{tp('allUnits', { count: all.length })}</Link>
                </p>
              ) : null}
            </section>
          </div>
        );
      })}
      <Pagination path="/manage" query={{}} page={page} pageCount={pageCount} />
    </div>
  );
}
