// The public JSON lists (app/api/public/rounds…) sent like the public pages: shared-cacheable, with a validator
// of their bytes that answers a conditional GET with 304. So the server keeps them as stored bytes too
// (lib/fast-pages.mjs) and serves them without Next.js until the public data changes, in any process.
import 'server-only';
import { createHash } from 'node:crypto';
import { matchesEtag } from '@/lib/fast-pages.mjs';
import { PUBLIC_CACHE_CONTROL } from '@/lib/security-headers';

export function publicJsonResponse(req: Request, json: string): Response {
  const headers = {
    'content-type': 'application/json',
    'cache-control': PUBLIC_CACHE_CONTROL,
    etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
  };
  if (matchesEtag(req.headers.get('if-none-match') ?? undefined, headers.etag)) return new Response(null, { status: 304, headers });
  return new Response(json, { headers });
}
