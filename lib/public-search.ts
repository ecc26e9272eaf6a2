// The public search API's answer (`/api/public/search?q=…&round=&year=&unit=&kind=&page=`), one definition for
// both servers of it: Next.js's route (app/api/public/search/route.ts) and the production server's search
// workers (lib/search-work.ts, outside Next.js). Published, unrevoked awards only (lib/search-index.ts reads
// nothing else); malformed parameters are dropped (lib/search-params.ts), never an error.
// Free of `server-only`: the workers load it bundled, without Next.js.
import type { DB } from '@/db/connection';
import { searchAwards } from '@/lib/search-index';
import { parseSearchParams } from '@/lib/search-params';

export async function publicSearchAnswer(db: DB, params: URLSearchParams) {
  const { q, filters, page } = parseSearchParams(params);
  const r = await searchAwards(db, q, filters, page);
  return { query: q, filters, total: r.total, more: !!r.more, page: r.page, pages: r.pages, pageSize: r.pageSize, results: r.hits };
}
