import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';
import { SiteFooter, SiteHeader } from '@/components/site-chrome';
import { ErrorTextProvider } from '@/components/error-text';
import { localePath } from '@/lib/i18n/paths';

// Nothing is rendered at build time (the build has no database): public pages are rendered on their first
// request and kept per version of the public data (lib/page-cache-handler.mjs).
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: LayoutProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'common' });
  return {
    title: { default: `${t('appName')} — ${t('tagline')}`, template: `%s · ${t('appName')}` },
    description: t('tagline'),
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, te] = await Promise.all([getTranslations('common'), getTranslations('appError')]);
  const errorText = { title: te('title'), body: te('body'), retry: te('retry'), home: te('home'), homeHref: localePath(locale, '/'), reference: te.raw('reference') as string };
  return (
    <html lang={locale}>
      <body className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t('skipToContent')}
        </a>
        <SiteHeader locale={locale} />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-8">
          <ErrorTextProvider value={errorText}>{children}</ErrorTextProvider>
        </main>
        <SiteFooter locale={locale} />
      </body>
    </html>
  );
}
