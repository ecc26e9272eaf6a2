import { headers } from 'next/headers';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { getCertificate } from '@/lib/exports';
import { orNotFound } from '@/lib/route-params';
import { PrintButton } from '@/components/print-button';
import { Certificate, originOf } from '@/components/certificate';

export default async function CertificatePage({ params }: PageProps<'/[locale]/manage/awards/[id]/certificate'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const c = await orNotFound(() => getCertificate(actor, id));
  const t = await getTranslations('certificate');
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-3">
        <PrintButton label={t('print')} />
        {c.revoked ? <p role="alert" className="font-semibold text-brand-800">{t('revoked')}</p> : null}
      </div>
      <Certificate c={c} origin={originOf(await headers())} label={t('label', { name: c.name })} qrLabel={t('qr')} verifyLabel={t('verify')} />
    </div>
  );
}
