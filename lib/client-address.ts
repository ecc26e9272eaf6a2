// The client's address, for rate limits. Next.js fills X-Forwarded-For with the socket address only
// when the request carries none, so the header is the client's own word unless a proxy we trust
// appended to it: TRUST_PROXY is the number of such proxies in front of the app (default 0).

type HeaderSource = { get(name: string): string | null };

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const v = (env.TRUST_PROXY ?? '').trim().toLowerCase();
  if (v === 'true' || v === 'yes') return 1;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 10 ? n : 0;
}

/**
 * With N trusted proxies the client is the N-th address from the right of X-Forwarded-For (each
 * proxy appends the peer it saw); entries further left are whatever the client claimed. Without a
 * trusted proxy the right-most entry is used: the socket address when the client sent no header.
 */
export function clientAddress(headers: HeaderSource, env: Record<string, string | undefined> = process.env): string {
  const hops = trustedProxyHops(env);
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const picked = chain[chain.length - Math.max(hops, 1)] ?? chain[0];
  if (picked && picked.length <= 64 && /^[0-9a-fA-F:.[\]]+$/.test(picked)) return picked.replace(/^::ffff:/, '');
  return 'unknown';
}
