// Locales: Vietnamese by default on unprefixed paths, English under /en, Korean under /ko.
import { defineRouting } from 'next-intl/routing';

export const routing = defineRouting({
  locales: ['vi', 'en', 'ko'],
  defaultLocale: 'vi',
  localePrefix: 'as-needed',
  // Vietnamese stays the default whatever the browser says; the switcher picks another.
  localeDetection: false,
  // No cookie and no Link header on public pages: responses stay cacheable and small whatever the path.
  localeCookie: false,
  alternateLinks: false,
});

export type Locale = (typeof routing.locales)[number];
