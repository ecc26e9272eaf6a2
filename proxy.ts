// Early redirects only (locale prefixes, anonymous /manage → /login). Never the guard: lib/ checks
// every read and write against the signed-in user. No database or argon2 here.
import createMiddleware from 'next-intl/middleware';
import { NextResponse, type NextRequest } from 'next/server';
import { routing } from '@/lib/i18n/routing';

const intl = createMiddleware(routing);
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

export default function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const m = pathname.match(/^\/(?:(en|ko)\/)?manage(?:\/|$)/);
  if (m && !SESSION_COOKIES.some((c) => request.cookies.has(c))) {
    const url = request.nextUrl.clone();
    url.pathname = m[1] ? `/${m[1]}/login` : '/login';
    url.search = '';
    return NextResponse.redirect(url);
  }
  return intl(request);
}

export const config = {
  // /bare: the bare reference page of scripts/first-load-js.ts, outside the locales.
  matcher: '/((?!api|_next|_vercel|bare$|.*\\..*).*)',
};
