import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StaticNotFound } from '../../static-not-found';
import QRCode from 'qrcode';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { localePath } from '@/lib/i18n/paths';
import { publicAward } from '@/lib/public-cache';
import { publicMetadata, siteOrigin } from '@/lib/site-url';
import { formatDecisionDate } from '@/components/format';
import { Term, termText } from '@/components/term';

// Rendered once per change of public data and kept in the page cache (lib/page-cache-handler.mjs); the
// same script-free bytes for everyone (proxy.ts sets its CSP and Cache-Control).
export const dynamic = 'force-static';

export async function generateMetadata({ params }: PageProps<'/[locale]/awards/[id]'>): Promise<Metadata> {
  const { locale, id } = await params;
  const a = await publicAward(id);
  if (!a || !hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'publicPages.meta' });
  return publicMetadata(locale, `/awards/${a.id}`, {
    title: `${a.name} — ${termText(a.awardForm, locale)}`,
    description: t('award', { form: termText(a.awardForm, locale), authority: termText(a.authority, locale), name: a.name, unit: a.unit, round: a.roundTitle }),
    type: 'article',
  });
}

export default async function AwardPage({ params }: PageProps<'/[locale]/awards/[id]'>) {
  const { locale, id } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const a = await publicAward(id);
  if (!a) return <StaticNotFound />;
  const [t, tk] = await Promise.all([getTranslations('award'), getTranslations('kind')]);
  const origin = await siteOrigin();
  const qr = await QRCode.toString(`${origin}/awards/${a.id}`, { type: 'svg', margin: 0 });
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <p
        role="status"
        data-testid="award-validity"
        className={`rounded-md border-2 px-4 py-3 text-lg font-bold ${a.revoked ? 'border-brand-600 bg-brand-50 text-brand-800' : 'border-emerald-700 bg-emerald-50 text-emerald-900'}`}
      >
        {a.revoked ? t('revoked') : t('valid')}
      </p>
      <div className="card space-y-3">
        <p className="text-sm uppercase tracking-wide text-gold-700"><Term vi={a.awardForm} locale={locale} /> · {tk(a.kind)}</p>
        <h1 className="text-2xl font-bold text-brand-800">{a.name}</h1>
        <p className="text-stone-700">{[a.position, a.unit].filter(Boolean).join(' · ')}</p>
        {a.summary ? <p>{a.summary}</p> : null}
        <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold">{t('round')}</dt>
          <dd><a href={localePath(locale, `/rounds/${a.roundSlug}`)}>{a.roundTitle}</a></dd>
          <dt className="font-semibold">{t('decision')}</dt>
          <dd>{a.decisionNumber}{a.decisionDate ? ` ${locale === 'vi' ? '' : '· '}${formatDecisionDate(a.decisionDate, locale)}` : ''}</dd>
          <dt className="font-semibold">{t('authority')}</dt>
          <dd><Term vi={a.authority} locale={locale} /></dd>
          {a.revoked ? (
            <>
              <dt className="font-semibold">{t('revokedBy')}</dt>
              <dd>{a.revoked.decision}{a.revoked.reason ? ` — ${a.revoked.reason}` : ''}</dd>
            </>
          ) : null}
        </dl>
        {a.source === 'archive' ? <p className="text-xs text-gold-700">{t('archive')}</p> : null}
        <div className="w-28" role="img" aria-label={t('qr')} dangerouslySetInnerHTML={{ __html: qr }} />
      </div>
    </article>
  );
}
