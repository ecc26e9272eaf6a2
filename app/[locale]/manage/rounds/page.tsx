import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { ROUND_STATUSES } from '@/db/tables';
import { requireActor } from '@/lib/actor';
import { listRounds } from '@/lib/rounds';
import { canReadFinalList, hasRole } from '@/lib/policy';
import { Link } from '@/lib/i18n/navigation';
import { formatDate, daysLeft } from '@/lib/dates';
import { StatusBadge } from '@/components/status-badge';
import { FilterSelect } from '@/components/filter-select';
import { Pagination } from '@/components/pagination';

const querySchema = z.object({
  status: z.enum(ROUND_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export default async function RoundsPage({ params, searchParams }: PageProps<'/[locale]/manage/rounds'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const q = querySchema.parse({ status: one(sp.status) || undefined, page: one(sp.page) });
  const [t, ts, tf, tso, ta, tp] = await Promise.all([getTranslations('manage.rounds'), getTranslations('status'), getTranslations('roundForm'), getTranslations('signoff'), getTranslations('archive'), getTranslations('progress')]);
  const tco = await getTranslations('council');
  const now = new Date();
  const result = await listRounds(actor, { page: q.page, status: q.status });
  const rounds = result.items;
  // A handful of rounds read as one table, as ever; the filter and the total appear once there are pages.
  const paged = result.pageCount > 1 || q.status !== undefined;
  const isAdmin = hasRole(actor, 'admin');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      {isAdmin ? (
        <p className="flex flex-wrap gap-2">
          <Link href="/manage/rounds/new" className="btn-primary">{tf('new')}</Link>
          <Link href="/manage/rounds/archive" className="btn-secondary">{ta('link')}</Link>
        </p>
      ) : null}
      {paged ? (
        <>
          <form method="get" role="search" className="card flex flex-wrap items-end gap-3">
            <FilterSelect id="r-status" name="status" label={t('columns.status')} allLabel={t('all')} value={q.status} options={ROUND_STATUSES.map((v) => ({ value: v, label: ts(v) }))} />
            <button type="submit" className="btn-primary">{t('apply')}</button>
          </form>
          <p className="text-sm text-stone-700" data-testid="rounds-total">{t('total', { count: result.total })}</p>
        </>
      ) : null}
      {rounds.length === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.title')}</th>
                <th scope="col">{t('columns.period')}</th>
                <th scope="col">{t('columns.status')}</th>
                <th scope="col">{tp('deadlineColumn')}</th>
                <th scope="col" className="text-right">{t('columns.nominations')}</th>
                <th scope="col">{t('columns.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/manage/rounds/${r.id}`}>{r.title}</Link>
                    {r.status === 'reviewing' && r.source === 'workflow' && canReadFinalList(actor) ? (
                      <>
                        <Link href={`/manage/rounds/${r.id}/council`} className="block text-sm">{tco('link')}</Link>
                        <Link href={`/manage/rounds/${r.id}/signoff`} className="block text-sm">{tso('link')}</Link>
                      </>
                    ) : null}
                  </td>
                  <td>{r.period}</td>
                  <td><StatusBadge status={r.status} label={ts(r.status)} /></td>
                  <td className="whitespace-nowrap" data-testid="round-closes">
                    {r.windowClosesAt ? formatDate(r.windowClosesAt, locale) : '—'}
                    {r.windowClosesAt && r.status === 'open' ? (
                      <span className="block text-xs text-stone-700">
                        {(() => {
                          const left = daysLeft(r.windowClosesAt, now);
                          return left < 0 ? tp('closed') : left === 0 ? tp('lastDay') : tp('daysLeft', { days: left });
                        })()}
                      </span>
                    ) : null}
                  </td>
                  <td className="text-right tabular-nums">{r.nominations}</td>
                  <td>{r.decisionNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination path="/manage/rounds" query={{ status: q.status }} page={result.page} pageCount={result.pageCount} />
    </div>
  );
}
