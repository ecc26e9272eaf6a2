// Public header and footer: the issuing authority's banner, brand, language switcher and the staff entry point;
// the responsible agency and its contacts. The header's bar stays one line down to 360 px (icons stand for the
// labels on narrow screens; the labels stay for screen readers).
import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/paths';
import { translateTerm } from '@/lib/glossary';
import { siteIdentity, telHref } from '@/lib/site-identity';
import { LanguageSwitcher } from './language-switcher';
import { Term } from './term';

const icon = { 'aria-hidden': true, viewBox: '0 0 24 24', width: 20, height: 20, fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export async function SiteHeader({ locale }: { locale: string }) {
  const [t, tp] = await Promise.all([getTranslations('common'), getTranslations('publicPages.nav')]);
  const { authority } = siteIdentity();
  const translated = translateTerm(authority, locale);
  return (
    <header className="site-header">
      <p className="site-banner" data-testid="site-banner">
        <span lang="vi">{authority}</span>
        {translated ? <span> · {translated}</span> : null}
      </p>
      <div className="site-bar" data-testid="site-bar">
        <a href={localePath(locale, '/')} className="site-brand">
          <span aria-hidden="true">★</span>
          <span>
            <span>{t('appName')}</span>
            <span>{t('tagline')}</span>
          </span>
        </a>
        <nav aria-label={tp('main')} className="site-nav">
          <a href={localePath(locale, '/search')}>
            <svg {...icon}><circle cx="11" cy="11" r="7" /><path d="m20 20-4-4" /></svg>
            <span>{tp('search')}</span>
          </a>
          <a href={localePath(locale, '/stats')}>
            <svg {...icon}><path d="M4 20V10M10 20V4M16 20v-7M22 20H2" /></svg>
            <span>{tp('stats')}</span>
          </a>
          <LanguageSwitcher current={locale} label={t('language')} />
          <a href={localePath(locale, '/manage')}>
            <svg {...icon}><circle cx="12" cy="8" r="4" /><path d="M4 21a8 8 0 0 1 16 0" /></svg>
            <span>{t('staffArea')}</span>
          </a>
        </nav>
      </div>
    </header>
  );
}

export async function SiteFooter({ locale }: { locale: string }) {
  const [t, to] = await Promise.all([getTranslations('common'), getTranslations('official')]);
  const id = siteIdentity();
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-5xl space-y-2 px-4 py-4 text-sm text-stone-700" data-testid="site-footer">
        <address className="not-italic">
          <p>
            {to('agency')}: <strong className="text-stone-900"><Term vi={id.agency} locale={locale} /></strong>
          </p>
          <p>
            {to('address')}: <span lang="vi">{id.address}</span>
          </p>
          {id.phone || id.email ? (
            <p>
              {id.phone ? <>{to('phone')}: <a href={telHref(id.phone)} className="target">{id.phone}</a></> : null}
              {id.phone && id.email ? ' · ' : null}
              {id.email ? <>{to('email')}: <a href={`mailto:${id.email}`} className="target">{id.email}</a></> : null}
            </p>
          ) : null}
        </address>
        <p className="text-xs text-stone-600">{t('footer')}</p>
      </div>
    </footer>
  );
}
