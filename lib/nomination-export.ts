// The nominations list as a spreadsheet: exactly the rows and order the list shows for the same query. Text
// goes in as string cells, never formulas, so it needs no leading quote (lib/exports.ts awardsXlsx likewise).
import 'server-only';
import ExcelJS from 'exceljs';
import { formatDate } from '@/lib/dates';
import { exportNominationList, type NominationFilter } from '@/lib/nominations';
import type { Actor } from '@/lib/policy';

const STATUS_VI: Record<string, string> = {
  draft: 'Bản nháp', submitted: 'Đã gửi', returned: 'Trả lại', checked: 'Đã thẩm định', approved: 'Đã phê duyệt', rejected: 'Không phê duyệt', withdrawn: 'Đã rút', excluded: 'Đã loại khỏi đợt',
};

export async function nominationListXlsx(actor: Actor | null, filter: NominationFilter): Promise<{ body: Buffer; rows: number }> {
  const items = await exportNominationList(actor, filter);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đề nghị');
  ws.addRow(['STT', 'Họ tên / tên tập thể', 'Loại', 'Đơn vị', 'Đợt khen thưởng', 'Trạng thái', 'Ngày tạo', 'Ngày gửi', 'Cập nhật']).font = { bold: true };
  items.forEach((n, i) =>
    ws.addRow([
      i + 1,
      n.nomineeName,
      n.kind === 'individual' ? 'Cá nhân' : 'Tập thể',
      n.unitName,
      n.roundTitle,
      STATUS_VI[n.status] ?? n.status,
      formatDate(n.createdAt, 'vi'),
      formatDate(n.submittedAt, 'vi'),
      formatDate(n.updatedAt, 'vi'),
    ]),
  );
  ws.columns.forEach((c, i) => (c.width = [6, 34, 10, 28, 40, 16, 12, 12, 12][i]));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), rows: items.length };
}
