// Public CSV of a published round's honour roll (outside [locale]: the path has an extension).
import { publicAwardsCsv } from '@/lib/exports';
import { listPublishedAwards } from '@/lib/public';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: RouteContext<'/rounds/[slug]/awards.csv'>) {
  const { slug } = await params;
  const awards = listPublishedAwards(slug);
  if (!awards) return new Response('Không tìm thấy / Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(publicAwardsCsv(awards), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slug.replace(/[^a-z0-9-]/g, '')}.csv"`,
    },
  });
}
