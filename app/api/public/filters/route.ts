import { z } from 'zod';
import { findSearchChoices, SEARCH_CHOICE_FIELDS, SEARCH_CHOICE_LIMIT } from '@/lib/public-cache';
import { publicJsonResponse } from '@/lib/public-json';

export const dynamic = 'force-dynamic';

const input = z.object({
  field: z.enum(SEARCH_CHOICE_FIELDS),
  q: z.string().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(SEARCH_CHOICE_LIMIT),
});

/**
 * `/api/public/filters?field=round|unit&q=…`: the published rounds, or the honoured units, whose name holds the text
 * (folded): the choices of the public search's filters where they are too many for a <select> (a province's, a
 * nation's; components/unit-combobox.tsx). Public data only; 400 for odd input.
 */
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const parsed = input.safeParse({ field: params.get('field') ?? undefined, q: params.get('q') ?? undefined, limit: params.get('limit') || undefined });
  if (!parsed.success) {
    return Response.json({ error: 'invalid_input', field: String(parsed.error.issues[0]?.path[0] ?? '') }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  }
  const { field, q, limit } = parsed.data;
  return publicJsonResponse(req, JSON.stringify({ items: await findSearchChoices(field, q, limit) }));
}
