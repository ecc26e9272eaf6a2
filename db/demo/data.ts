// Static demo data: the unit tree of the former District 7, Vietnamese name parts, positions and
// achievement summaries. Every person is fictional: names are random combinations of common parts.
import type { Gender, UnitKind } from '@/db/tables';

export type UnitSeed = { name: string; shortName?: string; kind: UnitKind; children?: UnitSeed[] };

export const WARDS = [
  'Tân Thuận Đông', 'Tân Thuận Tây', 'Tân Kiểng', 'Tân Hưng', 'Bình Thuận',
  'Tân Quy', 'Phú Thuận', 'Tân Phú', 'Tân Phong', 'Phú Mỹ',
] as const;

export const DEPARTMENTS = [
  'Phòng Nội vụ', 'Phòng Văn hóa và Thông tin', 'Phòng Giáo dục và Đào tạo', 'Phòng Tài chính – Kế hoạch',
  'Phòng Y tế', 'Phòng Tư pháp', 'Phòng Quản lý đô thị', 'Phòng Lao động – Thương binh và Xã hội',
] as const;

export const MASS_ORGS = [
  'Ủy ban MTTQ Việt Nam Quận 7', 'Quận Đoàn 7', 'Hội Liên hiệp Phụ nữ Quận 7', 'Hội Cựu chiến binh Quận 7', 'Liên đoàn Lao động Quận 7',
] as const;

export const SCHOOLS = [
  'Trường THCS Nguyễn Thị Thập', 'Trường THCS Phạm Hữu Lầu', 'Trường Tiểu học Lê Văn Tám',
  'Trường Tiểu học Phú Mỹ', 'Trường THCS Huỳnh Tấn Phát', 'Trường Mầm non Tân Phong',
] as const;

function ward(name: string, quarters: number): UnitSeed {
  return {
    name: `Phường ${name}`,
    shortName: name,
    kind: 'ward',
    children: [
      {
        name: `Đảng ủy Phường ${name}`,
        kind: 'party_committee',
        children: Array.from({ length: quarters }, (_, i) => ({
          name: `Chi bộ Khu phố ${i + 1}, Phường ${name}`,
          shortName: `Chi bộ Khu phố ${i + 1}`,
          kind: 'party_cell' as const,
        })),
      },
      ...Array.from({ length: quarters }, (_, i) => ({
        name: `Khu phố ${i + 1}, Phường ${name}`,
        shortName: `Khu phố ${i + 1}`,
        kind: 'quarter' as const,
      })),
    ],
  };
}

export const UNIT_TREE: UnitSeed[] = [
  {
    name: 'Quận ủy Quận 7',
    kind: 'party_committee',
    children: MASS_ORGS.map((name) => ({ name, kind: 'mass_org' as const })),
  },
  {
    name: 'UBND Quận 7',
    kind: 'people_committee',
    children: [
      ...DEPARTMENTS.map((name) =>
        name === 'Phòng Giáo dục và Đào tạo'
          ? { name, kind: 'department' as const, children: SCHOOLS.map((s) => ({ name: s, kind: 'school' as const })) }
          : { name, kind: 'department' as const },
      ),
      ...WARDS.map((w, i) => ward(w, 3 + (i % 3))),
    ],
  },
];

export const FAMILY_NAMES = [
  'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Võ', 'Vũ',
  'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trương', 'Lâm', 'Đoàn', 'Tạ', 'Châu',
] as const;

export const MIDDLE_NAMES: Record<Gender, readonly string[]> = {
  male: ['Văn', 'Văn', 'Hữu', 'Minh', 'Đức', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Hoàng', 'Tấn', 'Đình'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim', 'Mỹ', 'Phương', 'Bảo', 'Hồng', 'Diệu'],
  other: ['Minh', 'Thanh', 'Ngọc'],
};

export const GIVEN_NAMES: Record<Gender, readonly string[]> = {
  male: ['Đức', 'Đạt', 'Dũng', 'Tuấn', 'Hùng', 'Minh', 'Khoa', 'Phúc', 'Quân', 'Sơn', 'Thắng', 'Toàn', 'Trí', 'Vĩnh', 'Định', 'Đông', 'Hiếu', 'Lộc', 'Nghĩa', 'Phát', 'Tài', 'Thịnh', 'Cường', 'Khải'],
  female: ['Hương', 'Phượng', 'Thủy', 'Quỳnh', 'Điệp', 'Hằng', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Thảo', 'Trang', 'Tuyết', 'Yến', 'Đào', 'Hạnh', 'Loan', 'Nguyệt', 'Diễm', 'Vy'],
  other: ['An', 'Bình', 'Khánh'],
};

export const POSITIONS: Record<UnitKind, readonly string[]> = {
  ward: ['Chủ tịch UBND phường', 'Phó Chủ tịch UBND phường', 'Công chức Văn hóa – Xã hội', 'Công an khu vực', 'Chủ tịch Hội Phụ nữ phường'],
  quarter: ['Trưởng khu phố', 'Tổ trưởng tổ dân phố', 'Trưởng Ban công tác Mặt trận khu phố', 'Tổ viên tổ hòa giải'],
  party_cell: ['Bí thư Chi bộ', 'Phó Bí thư Chi bộ', 'Đảng viên'],
  party_committee: ['Chuyên viên Ban Tuyên giáo', 'Phó Bí thư Đảng ủy', 'Chuyên viên Văn phòng'],
  people_committee: ['Chuyên viên Văn phòng UBND', 'Phó Chánh Văn phòng'],
  department: ['Trưởng phòng', 'Phó Trưởng phòng', 'Chuyên viên'],
  mass_org: ['Chủ tịch Hội', 'Phó Chủ tịch', 'Cán bộ chuyên trách', 'Bí thư Chi đoàn'],
  school: ['Hiệu trưởng', 'Giáo viên', 'Tổng phụ trách Đội', 'Nhân viên'],
  other: ['Chuyên viên'],
};

export const INDIVIDUAL_SUMMARIES = [
  'Gương mẫu học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; tận tụy, gần dân, giải quyết kịp thời kiến nghị của người dân.',
  'Vận động nhân dân đóng góp xây dựng hẻm sạch, hẻm sáng; khu phố nhiều năm liền đạt danh hiệu khu phố văn hóa.',
  'Thực hiện tốt nêu gương, tiết kiệm; chủ động đổi mới phương pháp làm việc, hoàn thành xuất sắc nhiệm vụ được giao.',
  'Tích cực tham gia phòng, chống dịch và hỗ trợ hộ khó khăn trên địa bàn; được nhân dân tin yêu.',
  'Có sáng kiến cải tiến thủ tục hành chính, rút ngắn thời gian giải quyết hồ sơ cho người dân và doanh nghiệp.',
  'Tận tâm với học sinh, nhiều năm liền là giáo viên dạy giỏi cấp quận; xây dựng tủ sách “Học tập và làm theo Bác”.',
  'Nhiệt tình với công tác hòa giải ở cơ sở, góp phần giữ gìn đoàn kết trong khu dân cư.',
  'Gương mẫu thực hiện chuẩn mực đạo đức cách mạng của cán bộ, đảng viên; tích cực tuyên truyền Kết luận 01-KL/TW.',
  'Tham gia hiến máu tình nguyện nhiều lần; vận động đoàn viên, thanh niên tham gia công tác xã hội.',
  'Tận tụy chăm sóc sức khỏe nhân dân; thực hiện tốt lời Bác dạy “Lương y như từ mẫu”.',
  'Kiên trì vận động người dân chấp hành trật tự đô thị, giữ gìn vệ sinh môi trường trên tuyến đường.',
  'Xây dựng mô hình dân vận khéo, hỗ trợ sinh kế cho phụ nữ có hoàn cảnh khó khăn.',
] as const;

export const COLLECTIVE_SUMMARIES = [
  'Tổ chức học tập chuyên đề hằng năm nghiêm túc; xây dựng và nhân rộng mô hình “Tuyến phố văn minh”.',
  'Đưa việc học tập và làm theo Bác vào sinh hoạt chi bộ định kỳ; chi bộ nhiều năm liền hoàn thành tốt nhiệm vụ.',
  'Cải cách thủ tục hành chính, tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%; người dân hài lòng.',
  'Xây dựng “Không gian văn hóa Hồ Chí Minh” tại đơn vị, thu hút đông đảo cán bộ, nhân dân tham gia.',
  'Vận động nguồn lực xã hội hóa hỗ trợ hộ nghèo, cận nghèo; không để hộ dân nào bị bỏ lại phía sau.',
  'Phong trào thi đua dạy tốt, học tốt đạt nhiều kết quả; tập thể sư phạm đoàn kết, gương mẫu.',
  'Giữ vững an ninh trật tự, xây dựng khu dân cư an toàn; mô hình “Camera an ninh” phát huy hiệu quả.',
  'Tổ chức nhiều hoạt động tình nguyện, đền ơn đáp nghĩa; chăm lo gia đình chính sách chu đáo.',
  'Triển khai hiệu quả chuyển đổi số, ứng dụng công nghệ thông tin trong phục vụ người dân.',
  'Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh; phát huy vai trò nêu gương của đảng viên.',
] as const;
