import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { getCertificate, vietnameseDate } from '@/lib/exports';
import { orNotFound } from '@/lib/route-params';
import { PrintButton } from '@/components/print-button';

/** The public address the QR code opens: PUBLIC_URL when set, else the address this page was asked on. */
async function publicOrigin(): Promise<string> {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

export default async function CertificatePage({ params }: PageProps<'/[locale]/manage/awards/[id]/certificate'>) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale);
  const c = orNotFound(() => getCertificate(actor, id));
  const t = await getTranslations('certificate');
  const verifyUrl = `${await publicOrigin()}/awards/${c.publicId}`;
  const qr = await QRCode.toString(verifyUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-3">
        <PrintButton label={t('print')} />
        {c.revoked ? <p role="alert" className="font-semibold text-brand-800">{t('revoked')}</p> : null}
      </div>
      <section
        lang="vi"
        aria-label={t('label', { name: c.name })}
        className="certificate mx-auto aspect-[297/210] w-full max-w-4xl border-[10px] border-double border-gold-400 bg-gold-100/40 p-6 font-serif text-stone-900 sm:p-10"
      >
        <div className="flex justify-between gap-4 text-center text-[0.8rem] sm:text-sm">
          <div>
            <p className="font-bold uppercase">{c.issuer}</p>
            <p>Số: {c.decisionNumber}</p>
          </div>
          <div>
            <p className="font-bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
            <p className="font-bold">Độc lập - Tự do - Hạnh phúc</p>
          </div>
        </div>
        <p className="mt-4 text-center text-sm font-bold uppercase sm:text-base">{c.authority}</p>
        <p className="mt-1 text-center text-3xl font-bold uppercase tracking-widest text-brand-700 sm:text-5xl">{c.awardForm}</p>
        <p className="mt-3 text-center text-sm uppercase sm:text-base">Tặng</p>
        <p className="mt-1 text-center text-xl font-bold sm:text-3xl">{c.kind === 'individual' ? `${c.gender === 'female' ? 'Bà' : c.gender === 'male' ? 'Ông' : 'Ông/Bà'} ${c.name}` : c.name}</p>
        <p className="text-center text-sm sm:text-base">{[c.position, c.unit].filter(Boolean).join(', ')}</p>
        <p className="mx-auto mt-3 max-w-2xl text-center text-sm italic sm:text-base">Đã có thành tích xuất sắc trong {c.roundTitle}.</p>
        <div className="mt-4 flex items-end justify-between gap-4">
          <div className="w-20 sm:w-28" aria-label={t('qr')} role="img" dangerouslySetInnerHTML={{ __html: qr }} />
          <div className="text-center text-sm">
            <p className="italic">{vietnameseDate(c.decisionDate, c.decisionPlace)}</p>
            <p className="mt-10 font-bold">{c.decisionSigner}</p>
          </div>
        </div>
        <p className="mt-2 text-[0.65rem] text-stone-600 sm:text-xs">{t('verify')}: {verifyUrl}</p>
      </section>
    </div>
  );
}
