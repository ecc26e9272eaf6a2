// One certificate (Giấy khen …) as printed: A4 landscape, Decree 30 heading, the signer's title above the
// name, and a QR code to the public verification page. Used by the single and the bulk print pages.
import QRCode from 'qrcode';
import { vietnameseDate } from '@/lib/dates';
import type { CertificateView } from '@/lib/exports';

export async function Certificate({ c, origin, label, qrLabel, verifyLabel }: { c: CertificateView; origin: string; label: string; qrLabel: string; verifyLabel: string }) {
  const verifyUrl = `${origin}/awards/${c.publicId}`;
  const qr = await QRCode.toString(verifyUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const titleLines = c.decisionSignerTitle.split('/').map((l) => l.trim()).filter(Boolean);
  return (
    <section
      lang="vi"
      aria-label={label}
      data-testid="certificate"
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
        <div className="w-20 sm:w-28" aria-label={qrLabel} role="img" dangerouslySetInnerHTML={{ __html: qr }} />
        <div className="text-center text-sm">
          <p className="italic">{vietnameseDate(c.decisionDate, c.decisionPlace)}</p>
          {titleLines.length ? (
            <p className="font-bold uppercase" data-testid="signer-title">
              {titleLines.map((l, i) => <span key={i} className="block">{l}</span>)}
            </p>
          ) : null}
          <p className="mt-10 font-bold">{c.decisionSigner}</p>
        </div>
      </div>
      <p className="mt-2 text-[0.65rem] text-stone-600 sm:text-xs">{verifyLabel}: {verifyUrl}</p>
    </section>
  );
}

/** The public address QR codes open: PUBLIC_URL when set, else the address the page was asked on. */
export function originOf(h: Headers): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, '');
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}
