// Public CSV of a published round's honour roll (outside [locale]: the path has an extension).
import { publicAwardsCsv } from '@/lib/exports';
import { listPublishedAwards } from '@/lib/public';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: RouteContext<'/rounds/[slug]/awards.csv'>) {
  const { slug } = await params;
  const awards = await listPublishedAwards(slug);
  if (!awards) return new Response('Không tìm thấy / Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  // ?sep=; for spreadsheets set to the Vietnamese list separator; fields are quoted either way.
  const separator = new URL(req.url).searchParams.get('sep') === ';' ? ';' : ',';
  return new Response(publicAwardsCsv(awards, separator), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slug.replace(/[^a-z0-9-]/g, '')}.csv"`,
    },
  });
}
