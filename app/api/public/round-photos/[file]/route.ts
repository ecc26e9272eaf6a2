import fs from 'node:fs';
import { publicPhotoFile } from '@/lib/round-story';

/**
 * `/api/public/round-photos/<sha256>-<width>.webp` (and `-og.jpg`): a ceremony photo of a published round.
 * The name is the content's hash, so the bytes behind a URL never change: any cache may keep them for a year.
 */
export async function GET(_req: Request, { params }: RouteContext<'/api/public/round-photos/[file]'>) {
  const { file } = await params;
  const found = await publicPhotoFile(file);
  if (!found) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  const bytes = await fs.promises.readFile(found.file);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': found.type,
      'content-length': String(bytes.byteLength),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    },
  });
}
