import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { getRegistryEntry } from '@/lib/registry';
import { orNotFound, parseId } from '@/lib/route-params';
import { Link } from '@/lib/i18n/navigation';

export default async function RegistryEntryPage({ params }: PageProps<'/[locale]/manage/people/[kind]/[id]'>) {
  const { locale, kind, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (kind !== 'individual' && kind !== 'collective') notFound();
  const entry = orNotFound(() => getRegistryEntry(actor, kind, parseId(id)));
  const [t, ts, tk] = await Promise.all([getTranslations('registry'), getTranslations('status'), getTranslations('kind')]);
  return (
    <article className="space-y-4">
      <p className="text-sm"><Link href={`/manage/people?kind=${kind}`}>← {t('title')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{entry.name}</h1>
      <p className="text-stone-700">{tk(kind)} · {[entry.position, entry.unit, entry.birthYear].filter(Boolean).join(' · ')}</p>
      <section className="card space-y-2" aria-labelledby="hist-h">
        <h2 id="hist-h" className="text-lg font-semibold">{t('history')}</h2>
        {entry.history.length === 0 ? (
          <p>{t('noHistory')}</p>
        ) : (
          <ul className="space-y-2" data-testid="history">
            {entry.history.map((h) => (
              <li key={h.nominationId} className="border-l-2 border-gold-400 pl-3">
                <p className="font-medium">{h.roundTitle}</p>
                <p className="text-sm text-stone-700">
                  {ts(h.status)}
                  {h.awardId ? ` · ${t('awarded')} ${h.decisionNumber ?? ''} ${h.decisionDate ?? ''}` : ''}
                  {h.revoked ? ` · ${t('revoked')}` : ''}
                  {h.source === 'archive' ? ` · ${t('archive')}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
