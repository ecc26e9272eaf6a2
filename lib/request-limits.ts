// Refusals given before the app renders (proxy.ts): a body over MAX_REQUEST_BYTES, in the user's language.
import en from '../messages/en.json';
import ko from '../messages/ko.json';
import vi from '../messages/vi.json';
import { MAX_REQUEST_BYTES } from './upload-limits';

const CATALOGUES = { vi: vi.limits, en: en.limits, ko: ko.limits };
export type LimitsLocale = keyof typeof CATALOGUES;

export function localeOfPath(pathname: string): LimitsLocale {
  const m = pathname.match(/^\/(en|ko)(?:\/|$)/);
  return (m?.[1] as LimitsLocale | undefined) ?? 'vi';
}

export function limitsText(locale: LimitsLocale) {
  return CATALOGUES[locale];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small self-contained page (no script, no external style) for answers given before the app renders. */
export function plainPage(locale: LimitsLocale, title: string, text: string, link: { href: string; label: string }): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1c1917}h1{font-size:1.5rem;color:#9f1239}a{color:#9f1239}</style></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p></main></body></html>`;
}

/**
 * 413 when a request body is larger than MAX_REQUEST_BYTES (411 when a multipart body does not say its
 * length), before Next.js reads it: past its proxy buffer Next would hand the action a truncated form and
 * answer 500 "Unexpected end of form". A server action's fetch gets the message as text/plain, which the
 * Next.js client raises as the error's message; a form posted without JavaScript gets a page.
 */
export function bodyRefusal(request: { method: string; headers: Headers; nextUrl: { pathname: string } }): Response | null {
  if (request.method === 'GET' || request.method === 'HEAD') return null;
  const declared = request.headers.get('content-length');
  const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/');
  const length = declared == null ? null : Number(declared);
  let status: 411 | 413 | null = null;
  if (length != null && (!Number.isFinite(length) || length > MAX_REQUEST_BYTES)) status = 413;
  else if (length == null && multipart) status = 411;
  if (!status) return null;
  const locale = localeOfPath(request.nextUrl.pathname);
  const t = limitsText(locale);
  const text = status === 413 ? t.tooLarge.replace('{max}', String(MAX_REQUEST_BYTES / 1024 / 1024)) : t.lengthRequired;
  const headers = { 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" };
  if (request.headers.has('next-action')) return new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain' } });
  const html = plainPage(locale, t.tooLargeTitle, text, { href: request.nextUrl.pathname, label: t.back });
  return new Response(html, { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
