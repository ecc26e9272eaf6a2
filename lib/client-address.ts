// The client's address, for rate limits. X-Forwarded-For is the client's own word unless a proxy we
// trust wrote it, so the address the TCP connection came from is the anchor: lib/request-guards.ts
// copies the socket's address into PEER_HEADER on every request (overwriting whatever a client sent).
// TRUST_PROXY is the number of proxies in front of the app (default 0): each appends the address it
// saw to X-Forwarded-For, so the client is that many hops to the left of the socket address.

type HeaderSource = { get(name: string): string | null };

/** Set by the server itself from the socket (lib/request-guards.ts); never trusted from the client. */
export const PEER_HEADER = 'x-vinhdanh-peer';

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const v = (env.TRUST_PROXY ?? '').trim().toLowerCase();
  if (v === 'true' || v === 'yes') return 1;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 10 ? n : 0;
}

function address(s: string | undefined): string | null {
  const a = s?.trim();
  if (a && a.length <= 64 && /^[0-9a-fA-F:.[\]]+$/.test(a)) return a.replace(/^::ffff:/, '');
  return null;
}

/**
 * Without a trusted proxy: the socket address, whatever X-Forwarded-For says. With N trusted proxies:
 * the N-th address to the left of the socket address in X-Forwarded-For (the entry the outermost
 * trusted proxy appended); anything further left is whatever the client claimed.
 */
export function clientAddress(headers: HeaderSource, env: Record<string, string | undefined> = process.env): string {
  const peer = address(headers.get(PEER_HEADER) ?? undefined);
  if (!peer) return 'unknown';
  const hops = trustedProxyHops(env);
  if (hops === 0) return peer;
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the request did not come through the proxies; no address to trust.
  return address(chain[chain.length - hops]) ?? 'unknown';
}
