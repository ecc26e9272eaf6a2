// "Who is eligible for X" as XLSX, for the signed-in staff member (scoped in lib/eligibility). Outside
// [locale] because the path has a file extension (the locale proxy skips such paths).
import { getActor } from '@/lib/actor';
import { eligibleListXlsx } from '@/lib/eligibility';
import { isDomainError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'not_found' }, { status: 404 });
  const q = new URL(req.url).searchParams;
  const num = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : NaN);
  const form = (q.get('form') ?? '').slice(0, 200);
  if (!form || !Number.isSafeInteger(num(q.get('unit')))) return Response.json({ error: 'invalid_input' }, { status: 400 });
  try {
    const body = await eligibleListXlsx(actor, { unitId: num(q.get('unit')), awardForm: form, kind: q.get('kind') === 'collective' ? 'collective' : 'individual', lastYear: num(q.get('year')) || undefined });
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="du-dieu-kien.xlsx"',
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    // not_found: a unit outside the actor's scope; invalid_input: more people than are judged at once.
    if (isDomainError(e)) return Response.json({ error: e.code }, { status: e.code === 'not_found' ? 404 : 400 });
    throw e;
  }
}
