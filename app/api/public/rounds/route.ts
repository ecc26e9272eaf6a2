import { publicRoundsJson } from '@/lib/public';
import { publicJsonResponse } from '@/lib/public-json';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return publicJsonResponse(req, await publicRoundsJson());
}
