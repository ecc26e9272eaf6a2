import { cachedRound } from '@/lib/public-cache';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: RouteContext<'/api/public/rounds/[slug]/awards'>) {
  const { slug } = await params;
  const awards = (await cachedRound(slug))?.awards;
  if (!awards) return Response.json({ error: 'not_found' }, { status: 404 });
  return Response.json(awards.map((a) => ({ id: a.id, kind: a.kind, name: a.name, unit: a.unit, position: a.position })));
}
