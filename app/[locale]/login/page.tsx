import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { getSessionActor, passwordPath } from '@/lib/actor';
import { safeCallbackUrl } from '@/lib/callback-url';
import { LoginForm } from '@/components/login-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/login'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'login' });
  return { title: t('title'), robots: { index: false } };
}

export default async function LoginPage({ params, searchParams }: PageProps<'/[locale]/login'>) {
  const { locale } = await params;
  const sp = await searchParams;
  const changed = sp.changed === '1';
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  setRequestLocale(locale);
  const signedIn = await getSessionActor();
  if (signedIn) redirect(signedIn.mustChangePassword ? passwordPath(locale) : (callbackUrl ?? (locale === 'vi' ? '/manage' : `/${locale}/manage`)));
  const [t, tu, ts] = await Promise.all([getTranslations('login'), getTranslations('users'), getTranslations('security')]);
  return (
    <div className="mx-auto max-w-sm">
      <div className="card space-y-4">
        <div>
          <h1 className="text-2xl font-bold text-brand-800">{t('title')}</h1>
          <p className="mt-1 text-sm text-stone-700">{t('intro')}</p>
        </div>
        {changed ? <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">{tu('changed')}</p> : null}
        <LoginForm
          locale={locale}
          callbackUrl={callbackUrl}
          labels={{ username: t('username'), password: t('password'), submit: t('submit'), invalid: t('invalid'), missing: t('missing'), limited: ts.raw('signInLimited') as string }}
        />
      </div>
    </div>
  );
}
