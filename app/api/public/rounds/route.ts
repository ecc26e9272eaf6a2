import { publicRoundsJson } from '@/lib/public';

export const dynamic = 'force-dynamic';

export async function GET() {
  return new Response(await publicRoundsJson(), { headers: { 'content-type': 'application/json' } });
}
