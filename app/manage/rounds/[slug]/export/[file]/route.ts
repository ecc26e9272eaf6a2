// Staff downloads of a round: decision.docx (the attached list), awards.xlsx, report.xlsx once decided;
// minutes.docx (the council sitting's minutes) once the sitting is recorded; proposal.zip (chosen awards,
// signed, for a round of the level above in another deployment).
// Outside [locale] because the path has a file extension (the locale proxy skips such paths).
import { getActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { awardsXlsx, decisionDocx, getDecisionList, roundReportXlsx } from '@/lib/exports';
import { getMinutes, minutesDocx } from '@/lib/council';
import { exportProposalBySlug } from '@/lib/proposals';

export const dynamic = 'force-dynamic';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function GET(req: Request, { params }: RouteContext<'/manage/rounds/[slug]/export/[file]'>) {
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
    } else if (file === 'proposal.zip') {
      // The chosen awards (?award=1&award=2), signed for a round of another deployment (lib/proposals.ts).
      const ids = new URL(req.url).searchParams.getAll('award').map(Number);
      body = (await exportProposalBySlug(actor, slug, ids)).bytes;
      type = 'application/zip';
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
