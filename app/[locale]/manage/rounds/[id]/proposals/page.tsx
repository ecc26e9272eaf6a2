// Importing a proposal file from a lower level that runs another deployment (docs/proposal-format.md).
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { Link } from '@/lib/i18n/navigation';
import { getImportTarget } from '@/lib/proposals';
import { orNotFound, parseId } from '@/lib/route-params';
import { errorMessages } from '@/components/error-messages';
import { ProposalImportForm } from '@/components/proposal-import-form';
import { importProposalAction } from './actions';

export default async function ProposalImportPage({ params }: PageProps<'/[locale]/manage/rounds/[id]/proposals'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const target = await orNotFound(async () => {
    try {
      return await getImportTarget(actor, parseId(id));
    } catch (e) {
      // Not an admin of this round: the page does not exist for them.
      if (isDomainError(e) && e.code === 'forbidden') notFound();
      throw e;
    }
  });
  const [t, errors] = await Promise.all([getTranslations('proposals'), errorMessages()]);
  const keys = ['importFile', 'importUnit', 'importCheck', 'importCommit', 'importConfirm', 'importConfirmLabel', 'importDone', 'importPreview', 'action_create', 'action_link', 'action_already', 'action_conflict', 'files', 'bad_format', 'bad_signature', 'bad_untrusted', 'bad_hash'] as const;
  const labels = Object.fromEntries(keys.map((k) => [k, t.raw(k) as string]));
  return (
    <article className="space-y-6">
      <p className="text-sm"><Link href={`/manage/rounds/${target.id}`}>← {target.title}</Link></p>
      <h1 className="text-2xl font-bold text-brand-800">{t('importTitle')}</h1>
      <p className="text-stone-700">{t('importIntro')}</p>
      <section className="card">
        <ProposalImportForm roundId={target.id} units={target.units} action={importProposalAction} labels={labels} errors={{ ...errors, conflict: t.raw('conflict') as string }} />
      </section>
    </article>
  );
}
