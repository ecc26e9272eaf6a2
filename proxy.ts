// Early redirects only (locale prefixes, anonymous /manage → /login) and the per-request CSP nonce of dynamic
// pages. The cached public pages do not come here (see `config.matcher`) but for a roll filtered by name or ward.
// Never the guard: lib/ checks every read and write against the signed-in user. No database or argon2 here.
import createMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import { routing } from '@/lib/i18n/routing';
import { withSlidingSession } from '@/lib/auth/sliding';
import { log } from '@/lib/log';
import { bodyRefusal } from '@/lib/request-limits';
import { HSTS, isCachedPublicPage, pageCsp, publicPageCsp, PUBLIC_CACHE_CONTROL } from '@/lib/security-headers';

const intl = createMiddleware(routing);
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

function route(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const m = pathname.match(/^\/(?:(en|ko)\/)?manage(?:\/|$)/);
  // Page loads only: a server action's POST goes on to its action, which answers "session expired" to the
  // form (the typed text stays on screen) instead of a redirect the form cannot read.
  if (m && (request.method === 'GET' || request.method === 'HEAD') && !SESSION_COOKIES.some((c) => request.cookies.has(c))) {
    const url = request.nextUrl.clone();
    url.pathname = m[1] ? `/${m[1]}/login` : '/login';
    // Back to the page asked for after signing in.
    url.search = new URLSearchParams({ callbackUrl: `${pathname}${request.nextUrl.search}` }).toString();
    return NextResponse.redirect(url);
  }
  return intl(request);
}

/** Later pages of a roll or a unit are their own cached pages: `/rounds/x?page=3` is served by `/rounds/x/page/3`. */
function cachedPublicPage(request: NextRequest): NextResponse {
  const { pathname, searchParams } = request.nextUrl;
  const roll = /^(?:\/(en|ko))?\/(rounds|units)\/([^/]+)$/.exec(pathname);
  // A roll filtered by name or ward is rendered per request (its parameters are the user's): not the cached page.
  if (roll && roll[2] === 'rounds' && (searchParams.get('q')?.trim() || searchParams.get('unit'))) {
    return NextResponse.rewrite(new URL(`/${roll[1] ?? 'vi'}/rounds/${roll[3]}/filter${request.nextUrl.search}`, request.url), { request: { headers: request.headers } });
  }
  const page = Number(searchParams.get('page'));
  const response =
    roll && Number.isInteger(page) && page > 1 && page < 1e6
      ? NextResponse.rewrite(new URL(`/${roll[1] ?? 'vi'}/${roll[2]}/${roll[3]}/page/${page}`, request.url), { request: { headers: request.headers } })
      : intl(request);
  response.headers.set('Cache-Control', PUBLIC_CACHE_CONTROL);
  return response;
}

export default async function proxy(request: NextRequest) {
  const refused = bodyRefusal(request);
  if (refused) {
    log.warn('request_too_large', { method: request.method, path: request.nextUrl.pathname, status: refused.status, length: request.headers.get('content-length') });
    return refused;
  }
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const nonce = btoa(crypto.randomUUID());
  const csp = pageCsp(nonce);
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  // The page asked for, so that a sign-in required deeper down (lib/actor.ts) can come back to it.
  headers.set('x-pathname', `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 2000));
  const forwarded = new NextRequest(request, { headers });
  // The cached public pages that still come here: a roll filtered by name or ward (rendered per request, with
  // Next.js's scripts under this nonce), a `?q=` left empty (the stored roll) and `/vi/…` (redirected to the
  // unprefixed path). The others never reach this proxy (next.config.ts).
  if ((request.method === 'GET' || request.method === 'HEAD') && isCachedPublicPage(request.nextUrl.pathname)) {
    const response = cachedPublicPage(forwarded);
    response.headers.set('Content-Security-Policy', publicPageCsp(nonce));
    if (request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https') response.headers.set(HSTS.key, HSTS.value);
    log.info('request', { method: request.method, path: request.nextUrl.pathname });
    return response;
  }
  // A signed-in page load re-issues the session cookie, so 8 hours count from the last activity. Only
  // for document loads: never a server action's POST (it may be signing in or out, and its cookie must
  // be the last word) nor a background prefetch, whose answer could land after a sign-out and bring the
  // session back. Next.js hides its RSC headers from the proxy; the browser's Sec-Fetch-Dest tells.
  const slide = request.method === 'GET' && request.headers.get('sec-fetch-dest') === 'document' && SESSION_COOKIES.some((c) => request.cookies.has(c));
  const response = (slide ? await withSlidingSession(() => route(forwarded))(forwarded, {} as never) : route(forwarded)) as Response;
  response.headers.set('Content-Security-Policy', csp);
  if (request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https') response.headers.set(HSTS.key, HSTS.value);
  // The path only: query strings may carry search terms, and cookies never appear here.
  const redirect = response.headers.get('location');
  log.info('request', { method: request.method, path: request.nextUrl.pathname, ...(redirect ? { status: response.status, location: new URL(redirect, request.url).pathname } : {}) });
  return response;
}

export const config = {
  // /bare: the bare reference page of scripts/first-load-js.ts, outside the locales. Left out too: the cached
  // public pages — home, stats, rolls, awards, units, unprefixed (vi) and under /en, /ko — whose locale
  // rewrites, later pages and headers are in next.config.ts (running this proxy at all cost more than serving
  // the stored page). A roll filtered by name or ward (`?q=`, `?unit=`) still comes here (rewritten to /filter).
  // Literal strings: Next.js reads this object without running the module.
  matcher: [
    '/((?!api|_next|_vercel|bare(?:/dynamic)?$|(?:(?:en|ko)/?)?$|(?:(?:en|ko)/)?(?:stats|(?:rounds|awards|units)/[^/]+)$|.*\\..*).*)',
    { source: '/:locale(en|ko)?/rounds/:slug', has: [{ type: 'query', key: 'q' }] },
    { source: '/:locale(en|ko)?/rounds/:slug', has: [{ type: 'query', key: 'unit' }] },
  ],
};
