import { databaseIsHealthy } from '@/lib/public';

export const dynamic = 'force-dynamic';

export async function GET() {
  const ok = await databaseIsHealthy();
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
