import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { requireActor } from '@/lib/actor';
import { listAuditEvents } from '@/lib/audit';
import { describeChanges, describeEvent } from '@/lib/audit-text';
import { formatDate } from '@/lib/dates';
import { hasRole } from '@/lib/policy';
import { Link } from '@/lib/i18n/navigation';

const querySchema = z.object({
  action: z.string().trim().max(60).regex(/^[a-z._]*$/).optional().catch(undefined),
  entity: z.enum(['nomination', 'round', 'award', 'user', 'unit', 'individual', 'collective', 'database']).optional().catch(undefined),
  id: z.coerce.number().int().positive().optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function AuditPage({ params, searchParams }: PageProps<'/[locale]/manage/audit'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin')) notFound();
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const q = querySchema.parse({ action: one(sp.action), entity: one(sp.entity), id: one(sp.id), before: one(sp.before) });
  const { rows, nextBefore } = await listAuditEvents(actor, { action: q.action, entityType: q.entity, entityId: q.id, before: q.before });
  const [t, tn, th] = await Promise.all([getTranslations('audit'), getTranslations('manage.nav'), getTranslations('history')]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{tn('audit')}</h1>
      <form method="get" className="card no-print flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="a-action" className="label">{t('action')}</label>
          <input id="a-action" name="action" defaultValue={q.action ?? ''} className="field" placeholder="nomination." />
        </div>
        <div>
          <label htmlFor="a-entity" className="label">{t('entity')}</label>
          <select id="a-entity" name="entity" defaultValue={q.entity ?? ''} className="field">
            <option value="">{t('all')}</option>
            {['nomination', 'round', 'award', 'user', 'unit', 'individual', 'collective', 'database'].map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="a-id" className="label">ID</label>
          <input id="a-id" name="id" type="number" min={1} defaultValue={q.id ?? ''} className="field w-28" />
        </div>
        <button type="submit" className="btn-primary">{t('filter')}</button>
      </form>
      {rows.length === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr><th scope="col">{t('when')}</th><th scope="col">{t('action')}</th><th scope="col">{t('entity')}</th><th scope="col">{t('change')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap">{formatDate(r.at, locale, { time: true })}</td>
                  <td data-action={r.action}>
                    {describeEvent(r, th)}
                    <code className="block text-xs text-stone-600">{r.action}</code>
                  </td>
                  <td>{r.entityType === 'nomination' && r.entityId ? <Link href={`/manage/nominations/${r.entityId}`}>{r.entityType} #{r.entityId}</Link> : `${r.entityType} #${r.entityId ?? '—'}`}</td>
                  <td className="max-w-md break-words text-sm">
                    {(() => {
                      const lines = describeChanges(r, th);
                      return lines.length ? <ul>{lines.map((l, i) => <li key={i}>{l}</li>)}</ul> : '—';
                    })()}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? (
        <p><Link className="btn-secondary" href={`/manage/audit?${new URLSearchParams(Object.entries({ action: q.action, entity: q.entity, id: q.id?.toString(), before: String(nextBefore) }).filter((e): e is [string, string] => !!e[1]))}`}>{t('older')}</Link></p>
      ) : null}
    </div>
  );
}
