import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { listRounds } from '@/lib/rounds';
import { canReadFinalList, hasRole } from '@/lib/policy';
import { Link } from '@/lib/i18n/navigation';
import { formatDate, daysLeft } from '@/lib/dates';
import { StatusBadge } from '@/components/status-badge';

export default async function RoundsPage({ params }: PageProps<'/[locale]/manage/rounds'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const [t, ts, tf, tso, ta, tp] = await Promise.all([getTranslations('manage.rounds'), getTranslations('status'), getTranslations('roundForm'), getTranslations('signoff'), getTranslations('archive'), getTranslations('progress')]);
  const tco = await getTranslations('council');
  const now = new Date();
  const rounds = await listRounds(actor);
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
    </div>
  );
}
