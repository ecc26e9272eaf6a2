import { IMPORT_KINDS, templateCsv, type ImportKind } from '@/lib/import';

const FILE: Record<ImportKind, string> = { individuals: 'mau-ca-nhan.csv', collectives: 'mau-tap-the.csv', nominations: 'mau-de-nghi.csv' };

export async function GET(_req: Request, { params }: RouteContext<'/api/templates/[kind]'>) {
  const { kind } = await params;
  if (!IMPORT_KINDS.includes(kind as ImportKind)) return Response.json({ error: 'not_found' }, { status: 404 });
  return new Response(templateCsv(kind as ImportKind), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${FILE[kind as ImportKind]}"` },
  });
}
