import { publicAwardsJson } from '@/lib/public';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: RouteContext<'/api/public/rounds/[slug]/awards'>) {
  const { slug } = await params;
  const json = await publicAwardsJson(slug);
  if (json === null) return Response.json({ error: 'not_found' }, { status: 404 });
  return new Response(json, { headers: { 'content-type': 'application/json' } });
}
