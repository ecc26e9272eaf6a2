// The spreadsheet the bench imports: `rows` nominations of new people (four-part names, so none is
// already registered or nominated), spread over the given units.
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from '@/db/demo/data';
import { createRng } from '@/db/demo/random';
import { fold } from '@/lib/text';

export function importCsv(units: string[], rows: number): string {
  const rng = createRng(7);
  const seen = new Set<string>();
  const lines = ['Loại,Họ và tên / Tên tập thể,Đơn vị,Chức vụ,Giới tính,Năm sinh,Đảng viên,Tóm tắt thành tích'];
  while (lines.length <= rows) {
    const female = rng.chance(0.5);
    const g = female ? 'female' : 'male';
    const name = `${rng.pick(FAMILY_NAMES)} ${rng.pick(FAMILY_NAMES)} ${rng.pick(MIDDLE_NAMES[g])} ${rng.pick(GIVEN_NAMES[g])}`;
    const unit = rng.pick(units);
    if (seen.has(fold(name) + unit)) continue;
    seen.add(fold(name) + unit);
    lines.push(`Cá nhân,${name},"${unit}",Chuyên viên,${female ? 'Nữ' : 'Nam'},${rng.int(1965, 2000)},Không,Hoàn thành xuất sắc nhiệm vụ được giao.`);
  }
  return lines.join('\r\n') + '\r\n';
}

