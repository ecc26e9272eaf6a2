import { publicAwardsJson } from '@/lib/public';
import { publicJsonResponse } from '@/lib/public-json';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: RouteContext<'/api/public/rounds/[slug]/awards'>) {
  const { slug } = await params;
  const json = await publicAwardsJson(slug);
  if (json === null) return Response.json({ error: 'not_found' }, { status: 404 });
  return publicJsonResponse(req, json);
}
