// A decision's list as the office keeps it in Excel: 200 rows (180 individuals, 20 collectives) of
// fictional names, plus the registered people given as `near`, written the way paper lists often are
// (capitals, no diacritics, family name last) so that the matcher can only offer them, never link them.
import ExcelJS from 'exceljs';
import { ARCHIVE_COLUMNS } from '../lib/import-columns';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Ngọc', 'Minh', 'Thanh'];
const GIVEN = ['Lưu Ái', 'Lưu Bảo', 'Lưu Cẩm', 'Lưu Diệp', 'Lưu Đoan'];
const WARDS = ['Phường Tân Phong', 'Phường Tân Hưng', 'Phường Tân Quy', 'Phường Phú Mỹ', 'Phường Bình Thuận'];

/** Reverses and strips a name: "Nguyễn Văn Đức" → "DUC NGUYEN VAN". */
export function paperSpelling(name: string): string {
  const words = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D').toUpperCase().split(' ');
  return [...words.slice(-1), ...words.slice(0, -1)].join(' ');
}

export async function archiveWorkbook(near: Array<{ name: string; unit: string }>, total = 200): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(ARCHIVE_COLUMNS.map((c) => c.header));
  const rows: string[][] = [];
  for (let i = 0; rows.length < 20; i++) rows.push(['Tập thể', `Chi hội Khuyến học số ${i + 1}`, WARDS[i % WARDS.length], '', '', '', '', 'Nhiều năm liền hoàn thành xuất sắc nhiệm vụ.']);
  for (const p of near) rows.push(['Cá nhân', paperSpelling(p.name), p.unit, '', '', '', '', '']);
  outer: for (const f of FAMILY)
    for (const m of MIDDLE)
      for (const g of GIVEN) {
        if (rows.length >= total) break outer;
        const n = rows.length;
        rows.push(['Cá nhân', `${f} ${m} ${g}`, WARDS[n % WARDS.length], 'Hội viên', n % 2 ? 'Nữ' : 'Nam', String(1950 + (n % 40)), n % 3 ? 'Không' : 'Có', '']);
      }
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
