'use client';
// Links to the same page in the other languages; plain links, so it also works without JavaScript.
import { usePathname } from 'next/navigation';

const LOCALES = [
  { code: 'vi', label: 'Tiếng Việt', short: 'VI' },
  { code: 'en', label: 'English', short: 'EN' },
  { code: 'ko', label: '한국어', short: 'KO' },
] as const;

export function LanguageSwitcher({ current, label }: { current: string; label: string }) {
  const pathname = usePathname() || '/';
  const bare = pathname.replace(/^\/(vi|en|ko)(?=\/|$)/, '') || '/';
  return (
    <ul aria-label={label} className="flex items-center gap-1">
      {LOCALES.map((l) => {
        const href = l.code === 'vi' ? bare : `/${l.code}${bare === '/' ? '' : bare}`;
        const active = l.code === current;
        return (
          <li key={l.code}>
            <a
              href={href}
              hrefLang={l.code}
              lang={l.code}
              aria-current={active ? 'true' : undefined}
              title={l.label}
              className={`block rounded px-1.5 py-1 text-xs font-semibold no-underline hover:no-underline ${active ? 'bg-white text-brand-700' : 'text-white hover:bg-white/10'}`}
            >
              <span aria-hidden="true">{l.short}</span>
              <span className="sr-only">{l.label}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
