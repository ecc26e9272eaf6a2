import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { listNominations } from '@/lib/nominations';
import { listRounds } from '@/lib/rounds';

export default async function ManageHome({ params }: PageProps<'/[locale]/manage'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const t = await getTranslations('manage');
  const rounds = listRounds(actor);
  const nominations = listNominations(actor, { pageSize: 1 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      <dl className="grid gap-4 sm:grid-cols-2">
        <div className="card">
          <dt className="text-sm text-stone-700">{t('dashboard.rounds')}</dt>
          <dd className="text-3xl font-bold text-brand-700">{rounds.length}</dd>
        </div>
        <div className="card">
          <dt className="text-sm text-stone-700">{t('dashboard.nominations')}</dt>
          <dd className="text-3xl font-bold text-brand-700" data-testid="nominations-in-scope">{nominations.total}</dd>
        </div>
      </dl>
    </div>
  );
}
