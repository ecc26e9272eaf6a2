// The nominations list as shown (same filters, search and order) as XLSX, for the signed-in staff member.
// Outside [locale] because the path has a file extension (the locale proxy skips such paths).
import { getActor } from '@/lib/actor';
import { nominationListXlsx } from '@/lib/nomination-export';
import { parseNominationQuery } from '@/lib/nomination-query';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'not_found' }, { status: 404 });
  const q = parseNominationQuery(new URL(req.url).searchParams);
  const { body } = await nominationListXlsx(actor, { roundId: q.round, status: q.status, kind: q.kind, unitId: q.unit, q: q.q, sort: q.sort });
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': 'attachment; filename="de-nghi.xlsx"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
