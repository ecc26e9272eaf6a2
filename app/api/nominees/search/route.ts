import { z } from 'zod';
import { NOMINEE_KINDS } from '@/db/schema';
import { getActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { NOMINEE_SEARCH_LIMIT, searchNomineeOptions } from '@/lib/nominations';
import { MAX_ROW_ID } from '@/db/query';

export const dynamic = 'force-dynamic';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

const input = z.object({
  kind: z.enum(NOMINEE_KINDS),
  q: z.string().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(NOMINEE_SEARCH_LIMIT).default(NOMINEE_SEARCH_LIMIT),
  unit: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
});

/**
 * `/api/nominees/search?kind=individual|collective&q=…[&unit=id]`: the signed-in officer's individuals or collectives
 * whose name holds every word typed, of one of their units if asked (the new-nomination form when they are too many to load at once,
 * components/nominee-picker.tsx). 401 without a session, 403 for an account that does not nominate, 400 for odd
 * input; never another unit's people.
 */
export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'unauthorized' }, { status: 401, headers: PRIVATE });
  const params = new URL(req.url).searchParams;
  const parsed = input.safeParse({ kind: params.get('kind') ?? undefined, q: params.get('q') ?? undefined, limit: params.get('limit') || undefined, unit: params.get('unit') || undefined });
  if (!parsed.success) return Response.json({ error: 'invalid_input', field: String(parsed.error.issues[0]?.path[0] ?? '') }, { status: 400, headers: PRIVATE });
  try {
    return Response.json({ items: await searchNomineeOptions(actor, parsed.data.kind, parsed.data.q, parsed.data.limit, parsed.data.unit) }, { headers: PRIVATE });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: e.code }, { status: e.code === 'forbidden' ? 403 : 400, headers: PRIVATE });
    throw e;
  }
}
