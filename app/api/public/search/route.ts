import { searchPublicAwards } from '@/lib/public';
import { parseSearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

/** `/api/public/search?q=…&round=&year=&unit=&kind=&page=`: published, unrevoked awards; never a 500 for odd input. */
export async function GET(req: Request) {
  const { q, filters, page } = parseSearchParams(new URL(req.url).searchParams);
  const r = await searchPublicAwards(q, filters, page);
  return Response.json({ query: q, filters, total: r.total, more: !!r.more, page: r.page, pages: r.pages, pageSize: r.pageSize, results: r.hits });
}
