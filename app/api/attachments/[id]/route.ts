import fs from 'node:fs';
import { getActor } from '@/lib/actor';
import { contentDisposition, getAttachment } from '@/lib/attachments';
import { isDomainError } from '@/lib/errors';
import { parseId } from '@/lib/route-params';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: RouteContext<'/api/attachments/[id]'>) {
  const { id } = await params;
  try {
    const a = await getAttachment(await getActor(), parseId(id));
    const body = fs.readFileSync(a.file);
    // "xem": a PDF or an image opens in the browser when asked (?view=1); everything else downloads.
    const inline = new URL(req.url).searchParams.get('view') === '1' && /^(application\/pdf|image\/(png|jpeg))$/.test(a.mimeType);
    return new Response(body, {
      headers: {
        'Content-Type': a.mimeType,
        'Content-Length': String(body.length),
        'Content-Disposition': contentDisposition(a.fileName, inline),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (e) {
    if (isDomainError(e) || (e as NodeJS.ErrnoException).code === 'ENOENT') return Response.json({ error: 'not_found' }, { status: 404 });
    throw e;
  }
}
