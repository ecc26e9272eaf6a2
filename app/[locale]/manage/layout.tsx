import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireActor } from '@/lib/actor';
import { staffMenu } from '@/lib/policy';
import { inboxCounts } from '@/lib/nominations';
import { countRoundsReadyToDecide } from '@/lib/rounds';
import { NextIntlClientProvider } from 'next-intl';
import { Link } from '@/lib/i18n/navigation';
import { logout } from './actions';

export const metadata: Metadata = { robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

const HREF = {
  dashboard: '/manage',
  rounds: '/manage/rounds',
  nominations: '/manage/nominations',
  people: '/manage/people',
  records: '/manage/records',
  rules: '/manage/rules',
  review: '/manage/nominations?status=submitted',
  approve: '/manage/nominations?status=checked',
  import: '/manage/import',
  audit: '/manage/audit',
  units: '/manage/units',
  users: '/manage/users',
} as const;

export default async function ManageLayout({ children, params }: LayoutProps<'/[locale]/manage'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  // A reset or new account first chooses its own password: requireActor redirects it (every page does).
  const actor = await requireActor(locale);
  const [t, tc, tr, tu] = await Promise.all([getTranslations('manage'), getTranslations('common'), getTranslations('role'), getTranslations('users')]);
  const menu = staffMenu(actor);
  const inbox = await inboxCounts(actor);
  const badge: Partial<Record<string, number>> = {
    nominations: inbox.returned,
    review: inbox.submitted,
    approve: inbox.checked,
    rounds: await countRoundsReadyToDecide(actor),
  };
  return (
    // The staff area's locale-aware links are client components that read the locale from this provider;
    // public pages do without it (and its JavaScript).
    <NextIntlClientProvider messages={null}>
    <div className="space-y-6">
      <div className="no-print flex flex-wrap items-start justify-between gap-3 border-b border-stone-200 pb-4">
        <div>
          <p className="text-lg font-semibold" data-testid="actor-name">{t('welcome', { name: actor.displayName })}</p>
          <p className="text-sm text-stone-700">{t('unit', { unit: actor.unitName })}</p>
          <p className="text-sm text-stone-700">{t('roles', { roles: actor.roles.map((r) => tr(r)).join(', ') })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
        <Link href="/account/password" className="btn-secondary">{tu('account')}</Link>
        <form action={logout}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="btn-secondary">{tc('signOut')}</button>
        </form>
        </div>
      </div>
      <nav aria-label={t('title')} className="no-print">
        <ul className="flex flex-wrap gap-2">
          {menu.map((item) => (
            <li key={item}>
              <Link href={HREF[item]} className="btn-secondary">
                {t(`nav.${item}`)}
                {badge[item] ? (
                  <span className="badge bg-brand-700 text-white" data-testid={`inbox-${item}`}>
                    {badge[item]}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
    </NextIntlClientProvider>
  );
}
