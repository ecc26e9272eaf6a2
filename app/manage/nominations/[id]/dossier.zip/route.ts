// One nomination's dossier (summary DOCX + attachments) as ZIP, for whoever may see the nomination.
// Outside [locale] because the path has a file extension (the locale proxy skips such paths).
import { getActor } from '@/lib/actor';
import { nominationDossierZip } from '@/lib/dossier';
import { isDomainError } from '@/lib/errors';
import { parseId } from '@/lib/route-params';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: RouteContext<'/manage/nominations/[id]/dossier.zip'>) {
  const { id } = await params;
  try {
    const { body, fileName } = await nominationDossierZip(await getActor(), parseId(id));
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    if (isDomainError(e) || (e as NodeJS.ErrnoException).code === 'ENOENT') return Response.json({ error: 'not_found' }, { status: 404 });
    throw e;
  }
}
