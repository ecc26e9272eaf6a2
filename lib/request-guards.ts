// Guards on every incoming request, before Next.js parses it (installed once from instrumentation.ts):
// the socket's address stamped as PEER_HEADER for the rate limits (replacing any value the client sent),
// and a 400 for a path whose percent-encoding does not decode (Next.js would fail to match it and answer
// a bare 500): the app's page in the user's language for documents, JSON under /api, one log line.
import http from 'node:http';
import https from 'node:https';
import { PEER_HEADER } from '@/lib/client-address';
import { log } from '@/lib/log';
import { limitsText, localeOfPath, plainPage } from '@/lib/request-limits';
import { STATIC_HEADERS } from '@/lib/security-headers';

const INSTALLED = Symbol.for('vinhdanh.requestGuards');

export function stampPeer(req: http.IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
}

/** True when the path (not the query) holds a % that does not start a valid UTF-8 escape sequence. */
export function malformedPath(url: string | undefined): boolean {
  const pathname = (url ?? '/').split(/[?#]/, 1)[0];
  if (!pathname.includes('%')) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** The 400 answer for a malformed path: status, headers and body. */
export function badRequest(url: string): { status: 400; headers: Record<string, string>; body: string } {
  const pathname = url.split(/[?#]/, 1)[0];
  const common: Record<string, string> = Object.fromEntries(STATIC_HEADERS.map((h) => [h.key, h.value]));
  common['Cache-Control'] = 'no-store';
  if (/^\/api(?:\/|$)/.test(pathname)) {
    return { status: 400, headers: { ...common, 'Content-Type': 'application/json', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" }, body: JSON.stringify({ error: 'bad_request', message: 'Malformed percent-encoding in the path.' }) };
  }
  const locale = localeOfPath(pathname);
  const t = limitsText(locale);
  const home = locale === 'vi' ? '/' : `/${locale}`;
  return {
    status: 400,
    headers: { ...common, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
    body: plainPage(locale, t.badRequestTitle, t.badRequest, { href: home, label: t.home }),
  };
}

/** Answers the request itself when its path is malformed; returns whether it did. */
export function refuseMalformed(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!malformedPath(req.url)) return false;
  const answer = badRequest(req.url ?? '/');
  // The raw path, bounded: it is what the client sent and what an operator needs to see. ('reason' is
  // a redacted key in lib/log.ts, hence 'problem'.)
  log.warn('bad_request', { method: req.method, path: (req.url ?? '').split('?', 1)[0].slice(0, 200), status: 400, problem: 'malformed_percent_encoding' });
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
  res.end(req.method === 'HEAD' ? undefined : answer.body);
  return true;
}

export function installRequestGuards(): void {
  for (const Server of [http.Server, https.Server] as Array<typeof http.Server>) {
    const proto = Server.prototype as http.Server & { [INSTALLED]?: boolean };
    if (proto[INSTALLED]) continue;
    const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') {
        const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
        stampPeer(req);
        if (refuseMalformed(req, res)) return true;
      }
      return emit.call(this, event, ...args);
    } as typeof proto.emit;
    proto[INSTALLED] = true;
  }
}
