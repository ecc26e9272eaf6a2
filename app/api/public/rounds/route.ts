import { publicRoundsJson } from '@/lib/public';

export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(publicRoundsJson(), { headers: { 'content-type': 'application/json' } });
}
