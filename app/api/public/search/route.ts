import { publicSearchJson } from '@/lib/public';

export const dynamic = 'force-dynamic';

/**
 * `/api/public/search?q=…&round=&year=&unit=&kind=&page=`: published, unrevoked awards; never a 500 for odd input.
 * The production server (scripts/serve.mjs) answers this path itself, on worker threads (lib/search-front.mjs):
 * this route serves `next dev` and a server started with SEARCH_WORKERS=0.
 */
export async function GET(req: Request) {
  return Response.json(await publicSearchJson(new URL(req.url).searchParams));
}
