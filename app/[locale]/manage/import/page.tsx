import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { listOpenRounds } from '@/lib/rounds';
import { ImportForm } from '@/components/import-form';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';
import { checkImport, confirm } from './actions';

export default async function ImportPage({ params }: PageProps<'/[locale]/manage/import'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  if (!hasRole(actor, 'admin') && !hasRole(actor, 'officer')) notFound();
  const t = await getTranslations('importPage');
  const rounds = (await listOpenRounds(actor)).map((r) => ({ slug: r.slug, title: r.title }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
      <p className="text-stone-700">{t('intro')}</p>
      <ImportForm
        locale={locale}
        rounds={rounds}
        check={checkImport}
        confirm={confirm}
        tooLarge={(await getTranslations('limits'))('fileTooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 })}
        labels={{
          kind: t('kind'),
          kinds: { individuals: t('kinds.individuals'), collectives: t('kinds.collectives'), nominations: t('kinds.nominations') },
          round: t('round'),
          roundHint: t('roundHint'),
          file: t('file'),
          check: t('check'),
          checking: t('checking'),
          confirm: t('confirm'),
          confirmText: t('confirmText'),
          writing: t('writing'),
          valid: t.raw('valid') as string,
          written: t.raw('written') as string,
          errorsTitle: t.raw('errorsTitle') as string,
          row: t('row'),
          column: t('column'),
          value: t('value'),
          reason: t('reason'),
          templates: t('templates'),
        }}
      />
    </div>
  );
}
