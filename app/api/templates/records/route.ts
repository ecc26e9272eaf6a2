// The yearly records template (CSV, UTF-8 with BOM for Excel): the static segment wins over [kind].
import { recordsTemplateCsv } from '@/lib/eligibility';

export async function GET() {
  return new Response(recordsTemplateCsv(), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="mau-thanh-tich-hang-nam.csv"' },
  });
}
