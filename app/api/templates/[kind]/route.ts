import { IMPORT_KINDS, templateCsv, type ImportKind } from '@/lib/import';

type Kind = ImportKind | 'archive';
const FILE: Record<Kind, string> = { individuals: 'mau-ca-nhan.csv', collectives: 'mau-tap-the.csv', nominations: 'mau-de-nghi.csv', archive: 'mau-danh-sach-quyet-dinh.csv' };

export async function GET(_req: Request, { params }: RouteContext<'/api/templates/[kind]'>) {
  const { kind } = await params;
  if (kind !== 'archive' && !IMPORT_KINDS.includes(kind as ImportKind)) return Response.json({ error: 'not_found' }, { status: 404 });
  return new Response(templateCsv(kind as Kind), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${FILE[kind as Kind]}"` },
  });
}
