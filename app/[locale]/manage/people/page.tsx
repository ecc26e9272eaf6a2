import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { requireActor } from '@/lib/actor';
import { listRegistry } from '@/lib/registry';
import { listFilterUnits } from '@/lib/nominations';
import { FilterSelect } from '@/components/filter-select';
import { Link } from '@/lib/i18n/navigation';
import { Pagination } from '@/components/pagination';

const querySchema = z.object({
  kind: z.enum(['individual', 'collective']).catch('individual'),
  q: z.string().max(200).optional().catch(undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export default async function PeoplePage({ params, searchParams }: PageProps<'/[locale]/manage/people'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const q = querySchema.parse({ kind: one(sp.kind), q: one(sp.q), unit: one(sp.unit), page: one(sp.page) });
  const [t, tk] = await Promise.all([getTranslations('registry'), getTranslations('kind')]);
  const result = await listRegistry(actor, q.kind, { q: q.q, unitId: q.unit, page: q.page });
  const unitOptions = await listFilterUnits(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      <nav aria-label={t('title')} className="flex gap-2">
        {(['individual', 'collective'] as const).map((k) => (
          <Link key={k} href={`/manage/people?kind=${k}`} aria-current={q.kind === k ? 'page' : undefined} className={q.kind === k ? 'btn-primary' : 'btn-secondary'}>{tk(k)}</Link>
        ))}
      </nav>
      <form method="get" role="search" className="card flex flex-wrap items-end gap-3">
        <input type="hidden" name="kind" value={q.kind} />
        <div className="min-w-60 flex-1">
          <label htmlFor="reg-q" className="label">{t('search')}</label>
          <input id="reg-q" name="q" type="search" defaultValue={q.q ?? ''} maxLength={200} className="field" placeholder={t('placeholder')} />
        </div>
        <FilterSelect id="reg-unit" name="unit" label={t('unit')} allLabel="—" value={q.unit} options={unitOptions.map((u) => ({ value: u.id, label: u.name }))} />
        <button type="submit" className="btn-primary">{t('find')}</button>
      </form>
      <p className="text-sm text-stone-700" data-testid="registry-total">{t(result.moreThan ? 'totalMore' : 'total', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="registry">
            <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('unit')}</th><th scope="col" className="text-right">{t('awards')}</th></tr></thead>
            <tbody>
              {result.items.map((r) => (
                <tr key={r.id}>
                  <td><Link href={`/manage/people/${q.kind}/${r.id}`}>{r.name}</Link>{r.position ? <span className="block text-xs text-stone-600">{r.position}</span> : null}</td>
                  <td>{r.unit}</td>
                  <td className="text-right tabular-nums">{r.awards}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination path="/manage/people" query={{ kind: q.kind, q: q.q, unit: q.unit?.toString() }} page={result.page} pageCount={result.pageCount} more={result.moreThan && result.items.length === result.pageSize} />
    </div>
  );
}
