// Staff downloads of a round: decision.docx (the attached list), awards.xlsx, report.xlsx once decided;
// minutes.docx (the council sitting's minutes) once the sitting is recorded.
// Outside [locale] because the path has a file extension (the locale proxy skips such paths).
import { getActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { awardsXlsx, decisionDocx, getDecisionList, roundReportXlsx } from '@/lib/exports';
import { getMinutes, minutesDocx } from '@/lib/council';

export const dynamic = 'force-dynamic';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function GET(_req: Request, { params }: RouteContext<'/manage/rounds/[slug]/export/[file]'>) {
  const { slug, file } = await params;
  try {
    const actor = await getActor();
    let body: Buffer;
    let type: string;
    if (file === 'decision.docx') {
      body = await decisionDocx(await getDecisionList(actor, slug));
      type = DOCX;
    } else if (file === 'awards.xlsx') {
      body = await awardsXlsx(await getDecisionList(actor, slug));
      type = XLSX;
    } else if (file === 'minutes.docx') {
      body = await minutesDocx(await getMinutes(actor, slug));
      type = DOCX;
    } else if (file === 'report.xlsx') {
      body = await roundReportXlsx(actor, slug);
      type = XLSX;
    } else {
      return Response.json({ error: 'not_found' }, { status: 404 });
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': type,
        'Content-Disposition': `attachment; filename="${slug.replace(/[^a-z0-9-]/g, '')}-${file}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: 'not_found' }, { status: 404 });
    throw e;
  }
}
