import { getActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { searchUnitOptions, unitSearchInput } from '@/lib/unit-picker';

export const dynamic = 'force-dynamic';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

/**
 * `/api/units/search?q=…&limit=&kind=&exclude=&under=`: the units of the signed-in staff member's scope whose name
 * holds the text (the unit pickers of staff forms, components/unit-combobox.tsx). 401 without a session,
 * 403 for an account without a staff role, 400 for odd input; never another scope's units.
 */
export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'unauthorized' }, { status: 401, headers: PRIVATE });
  const params = new URL(req.url).searchParams;
  const parsed = unitSearchInput.safeParse({
    q: params.get('q') ?? undefined,
    limit: params.get('limit') || undefined,
    kind: params.get('kind') || undefined,
    exclude: params.get('exclude') || undefined,
    under: params.get('under') || undefined,
  });
  if (!parsed.success) return Response.json({ error: 'invalid_input', field: String(parsed.error.issues[0]?.path[0] ?? '') }, { status: 400, headers: PRIVATE });
  const { q, limit, kind, exclude, under } = parsed.data;
  try {
    return Response.json({ items: await searchUnitOptions(actor, q, limit, { kind, exclude, under }) }, { headers: PRIVATE });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: e.code }, { status: e.code === 'forbidden' ? 403 : 400, headers: PRIVATE });
    throw e;
  }
}
