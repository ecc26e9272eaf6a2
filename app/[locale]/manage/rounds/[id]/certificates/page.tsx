// Every certificate of a decided round on one print-ready page: one per A4 landscape sheet.
import { headers } from 'next/headers';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { getRoundCertificates } from '@/lib/exports';
import { orNotFound, parseId, parsePage } from '@/lib/route-params';
import { Link } from '@/lib/i18n/navigation';
import { PrintButton } from '@/components/print-button';
import { Pagination } from '@/components/pagination';
import { Certificate, originOf } from '@/components/certificate';

/** Certificates on one print page: a district's round (148) prints at once, a province's (1,200 and more) in batches. */
const BATCH = 200;

export default async function RoundCertificatesPage({ params, searchParams }: PageProps<'/[locale]/manage/rounds/[id]/certificates'>) {
  const { locale, id } = await params;
  const sp = await searchParams;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const roundId = parseId(id);
  const { roundTitle, certificates: all } = await orNotFound(() => getRoundCertificates(actor, roundId));
  const pages = Math.ceil(all.length / BATCH);
  const page = Math.min(parsePage(sp.page), Math.max(1, pages));
  const certificates = all.slice((page - 1) * BATCH, page * BATCH);
  const t = await getTranslations('certificate');
  const origin = originOf(await headers());
  return (
    <div className="space-y-4">
      <div className="no-print space-y-2">
        <p className="text-sm"><Link href={`/manage/rounds/${roundId}`}>← {roundTitle}</Link></p>
        <h1 className="text-2xl font-bold text-brand-800">{t('bulkTitle')}</h1>
        <p data-testid="certificate-count">{t('bulkCount', { count: certificates.length })}</p>
        {certificates.length ? <PrintButton label={t('printAll')} /> : <p className="card">{t('bulkEmpty')}</p>}
        <Pagination path={`/manage/rounds/${roundId}/certificates`} query={{}} page={page} pageCount={pages} />
      </div>
      <div className="certificates space-y-6">
        {certificates.map((c) => (
          <Certificate key={c.publicId} c={c} origin={origin} label={t('label', { name: c.name })} qrLabel={t('qr')} verifyLabel={t('verify')} />
        ))}
      </div>
    </div>
  );
}
