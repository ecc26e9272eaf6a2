// Public header and footer: brand, language switcher and the staff entry point.
import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/paths';
import { LanguageSwitcher } from './language-switcher';

export async function SiteHeader({ locale }: { locale: string }) {
  const [t, tp] = await Promise.all([getTranslations('common'), getTranslations('publicPages.nav')]);
  const navLink = 'rounded px-2 py-1.5 font-semibold text-white no-underline hover:bg-white/10 hover:no-underline';
  return (
    <header className="border-b-4 border-gold-400 bg-brand-700 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <a href={localePath(locale, '/')} className="flex items-center gap-2 text-white no-underline hover:no-underline">
          <span aria-hidden="true" className="text-2xl leading-none text-gold-400">★</span>
          <span>
            <span className="block text-lg font-bold leading-tight">{t('appName')}</span>
            <span className="block text-xs text-brand-100">{t('tagline')}</span>
          </span>
        </a>
        <nav aria-label={tp('main')} className="flex flex-wrap items-center gap-x-2 gap-y-2 text-sm">
          <a href={localePath(locale, '/search')} className={navLink}>{tp('search')}</a>
          <a href={localePath(locale, '/stats')} className={navLink}>{tp('stats')}</a>
          <LanguageSwitcher current={locale} label={t('language')} />
          <a href={localePath(locale, '/manage')} className="rounded-md border border-white/40 px-3 py-1.5 font-semibold text-white no-underline hover:bg-white/10 hover:no-underline">
            {t('staffArea')}
          </a>
        </nav>
      </div>
    </header>
  );
}

export async function SiteFooter() {
  const t = await getTranslations('common');
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-5xl px-4 py-4 text-xs text-stone-600">{t('footer')}</div>
    </footer>
  );
}
