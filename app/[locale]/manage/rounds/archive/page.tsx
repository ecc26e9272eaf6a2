import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { hasRole } from '@/lib/policy';
import { Link } from '@/lib/i18n/navigation';
import { ArchiveForm, type ArchiveLabels } from '@/components/archive-form';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';
import { checkArchive, recordArchive } from './actions';

const LABELS: Array<keyof ArchiveLabels> = [
  'terms', 'title', 'theme', 'period', 'authority', 'awardForm', 'decisionNumber', 'decisionDate', 'decisionSigner', 'decisionPlace',
  'list', 'file', 'paste', 'pasteHint', 'template', 'check', 'checking', 'errorsTitle', 'row', 'column', 'value', 'reason',
  'preview', 'kind', 'name', 'unit', 'match', 'exact', 'near', 'new', 'chooseLegend', 'createNew', 'record', 'recordConfirm',
  'recording', 'recorded', 'openRound', 'individual', 'collective', 'summary', 'invalidField',
];

export default async function ArchivePage({ params }: PageProps<'/[locale]/manage/rounds/archive'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  // A convenience: lib/archive refuses anyone but an administrator.
  if (!hasRole(actor, 'admin')) notFound();
  const t = await getTranslations('archive');
  const labels = Object.fromEntries(LABELS.map((k) => [k, t.raw(k) as string])) as ArchiveLabels;
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link href="/manage/rounds">← {t('back')}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{t('heading')}</h1>
      <p className="text-stone-700">{t('intro')}</p>
      <ArchiveForm locale={locale} labels={labels} check={checkArchive} record={recordArchive} tooLarge={(await getTranslations('limits'))('fileTooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 })} />
    </div>
  );
}
