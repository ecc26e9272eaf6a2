import { getTranslations, setRequestLocale } from 'next-intl/server';
import { NOMINATION_STATUSES, NOMINEE_KINDS } from '@/db/tables';
import { requireActor } from '@/lib/actor';
import { listFilterUnits, listNominations } from '@/lib/nominations';
import { hasRole } from '@/lib/policy';
import { listRoundOptions } from '@/lib/rounds';
import { Link } from '@/lib/i18n/navigation';
import { Pagination } from '@/components/pagination';
import { StatusBadge } from '@/components/status-badge';
import { FilterSelect } from '@/components/filter-select';
import { ActionForm } from '@/components/action-form';
import { errorMessages } from '@/components/error-messages';
import { formatDate } from '@/lib/dates';
import { nominationQueryString, parseNominationQuery } from '@/lib/nomination-query';
import { NOMINATION_SORTS } from '@/lib/nomination-sorts';
import { queueEligibility } from '@/lib/eligibility';
import { bulk } from './actions';

export default async function NominationsPage({ params, searchParams }: PageProps<'/[locale]/manage/nominations'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const sp = await searchParams;
  const q = parseNominationQuery(sp);
  const [t, ts, tk, ta, tp] = await Promise.all([getTranslations('manage.nominations'), getTranslations('status'), getTranslations('kind'), getTranslations('nominationActions'), getTranslations('proposals')]);
  const result = await listNominations(actor, { roundId: q.round, status: q.status, kind: q.kind, unitId: q.unit, q: q.q, sort: q.sort, page: q.page, after: q.after, before: q.before });
  const listQuery = { round: q.round, status: q.status, kind: q.kind, unit: q.unit, q: q.q, sort: q.sort };
  const filterUnits = await listFilterUnits(actor);
  const rounds = await listRoundOptions(actor, q.round);
  // Bulk actions are the reviewer's, on the queue of submitted or checked nominations.
  const bulkMode = hasRole(actor, 'reviewer') && (q.status === 'submitted' || q.status === 'checked');
  const errors = await errorMessages();
  // Each nominee's standing against the rules of its round's form: the reviewer sees it in the queue.
  const [marks, te] = await Promise.all([queueEligibility(actor, result.items.map((n) => n.id)), getTranslations('eligibility')]);
  const MARK_CLASS = { met: 'bg-emerald-100 text-emerald-900', failed: 'bg-red-100 text-red-900', exception: 'bg-gold-100 text-gold-700', none: '' } as const;
  const table = (
    <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table">
            <thead>
              <tr>
                {bulkMode ? <th scope="col">{t('selectAll')}</th> : null}
                <th scope="col">{t('columns.nominee')}</th>
                <th scope="col">{t('columns.kind')}</th>
                <th scope="col">{t('columns.unit')}</th>
                <th scope="col">{t('columns.status')}</th>
                <th scope="col">{t('columns.submitted')}</th>
                <th scope="col">{t('columns.updated')}</th>
                <th scope="col">{te('queue.column')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((n) => (
                <tr key={n.id}>
                  {bulkMode ? (
                    <td>
                      <input type="checkbox" name="ids[]" value={n.id} aria-label={t('select', { name: n.nomineeName })} className="h-5 w-5" />
                    </td>
                  ) : null}
                  <td>
                    <Link href={`/manage/nominations/${n.id}`}>{n.nomineeName}</Link>
                    <span className="block text-xs text-stone-600">{n.roundTitle}</span>
                    {n.proposalId ? <span className="block text-xs font-medium text-stone-800" data-testid="from-below">{tp('fromBelow')}</span> : null}
                  </td>
                  <td>{tk(n.kind)}</td>
                  <td>{n.unitName}</td>
                  <td><StatusBadge status={n.status} label={ts(n.status)} /></td>
                  <td className="whitespace-nowrap">{formatDate(n.submittedAt, locale) || '—'}</td>
                  <td className="whitespace-nowrap">{formatDate(n.updatedAt, locale)}</td>
                  <td data-testid="eligibility-mark">{marks[n.id] && marks[n.id] !== 'none' ? <span className={`badge ${MARK_CLASS[marks[n.id]]}`}>{te(`queue.${marks[n.id]}`)}</span> : te('queue.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
  );
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
        <p className="text-sm text-stone-700">{t('intro')}</p>
        {hasRole(actor, 'officer') ? (
          <p className="mt-3"><Link href="/manage/nominations/new" className="btn-primary">{ta('new')}</Link></p>
        ) : null}
      </div>
      <form className="card no-print flex flex-wrap items-end gap-3" method="get" role="search">
        <div className="min-w-48 flex-1">
          <label htmlFor="f-q" className="label">{t('search')}</label>
          <input id="f-q" name="q" type="search" defaultValue={q.q ?? ''} maxLength={100} className="field" placeholder={t('searchPlaceholder')} />
        </div>
        <FilterSelect id="f-round" name="round" label={t('filterRound')} allLabel={t('all')} value={q.round} className="min-w-48 flex-1" options={rounds.map((r) => ({ value: r.id, label: r.title }))} />
        <FilterSelect id="f-status" name="status" label={t('filterStatus')} allLabel={t('all')} value={q.status} options={NOMINATION_STATUSES.map((v) => ({ value: v, label: ts(v) }))} />
        <FilterSelect id="f-kind" name="kind" label={ta('kind')} allLabel={t('all')} value={q.kind} className="min-w-32" options={NOMINEE_KINDS.map((v) => ({ value: v, label: tk(v) }))} />
        <FilterSelect id="f-unit" name="unit" label={t('columns.unit')} allLabel={t('all')} value={q.unit} options={filterUnits.map((u) => ({ value: u.id, label: u.name }))} />
        <FilterSelect id="f-sort" name="sort" label={t('sort')} allLabel={t('sorts.newest')} value={q.sort === 'newest' ? undefined : q.sort} options={NOMINATION_SORTS.filter((v) => v !== 'newest').map((v) => ({ value: v, label: t(`sorts.${v}`) }))} />
        <button type="submit" className="btn-primary">{t('apply')}</button>
      </form>
      <p className="flex flex-wrap items-center justify-between gap-2 text-sm text-stone-700">
        <span data-testid="nominations-total">{t(result.moreThan ? 'totalMore' : 'total', { count: result.total })}</span>
        {result.total > 0 ? (
          <a href={`/manage/nominations/export.xlsx?${nominationQueryString(listQuery)}`} className="btn-secondary no-print" download>{t('exportXlsx')}</a>
        ) : null}
      </p>
      {result.sortDeclined ? <p className="card text-sm" role="status" data-testid="sort-declined">{t('sortDeclined', { max: result.sortDeclined })}</p> : null}
      {result.items.length === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : bulkMode ? (
        <ActionForm action={bulk} submitLabel={t('bulkApply')} confirmText={t('bulkConfirm')} okText={t('bulkDone')} errors={errors} className="space-y-3">
          {table}
          <fieldset className="card space-y-2">
            <legend className="font-semibold">{t('bulkTitle')}</legend>
            <label className="flex items-center gap-2"><input type="radio" name="op" value="check" defaultChecked /> {t('bulkCheck')}</label>
            <label className="flex items-center gap-2"><input type="radio" name="op" value="return" /> {t('bulkReturn')}</label>
            <label htmlFor="bulk-reason" className="label">{t('bulkReason')}</label>
            <textarea id="bulk-reason" name="reason" rows={2} maxLength={2000} className="field" />
          </fieldset>
        </ActionForm>
      ) : (
        table
      )}
      <Pagination
        path="/manage/nominations"
        query={{ round: q.round?.toString(), status: q.status, kind: q.kind, unit: q.unit?.toString(), q: q.q, sort: q.sort }}
        page={result.page}
        pageCount={result.pageCount}
        more={result.moreThan && result.items.length === result.pageSize}
        cursor={q.q || (q.sort && q.sort !== 'newest' && !result.sortDeclined) ? undefined : { first: result.items[0]?.id, last: result.items.at(-1)?.id }}
      />
    </div>
  );
}
