// The import templates' columns (Vietnamese headers, as the office's spreadsheets have them). Pure data.

export const IMPORT_KINDS = ['individuals', 'collectives', 'nominations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The template's columns, in order; starred ones are required in every row. */
export type Column = { key: string; header: string; required?: boolean; max?: number };
export const COLUMNS: Record<ImportKind, Column[]> = {
  individuals: [
    { key: 'name', header: 'Họ và tên', required: true, max: 200 },
    { key: 'gender', header: 'Giới tính' },
    { key: 'birthYear', header: 'Năm sinh' },
    { key: 'position', header: 'Chức vụ', max: 200 },
    { key: 'unit', header: 'Đơn vị', required: true },
    { key: 'party', header: 'Đảng viên' },
  ],
  collectives: [
    { key: 'name', header: 'Tên tập thể', required: true, max: 300 },
    { key: 'unit', header: 'Đơn vị', required: true },
  ],
  nominations: [
    { key: 'kind', header: 'Loại', required: true },
    { key: 'name', header: 'Họ và tên / Tên tập thể', required: true, max: 300 },
    { key: 'unit', header: 'Đơn vị', required: true },
    { key: 'position', header: 'Chức vụ', max: 200 },
    { key: 'gender', header: 'Giới tính' },
    { key: 'birthYear', header: 'Năm sinh' },
    { key: 'party', header: 'Đảng viên' },
    { key: 'summary', header: 'Tóm tắt thành tích', required: true, max: 4000 },
  ],
};

/** A decision's list recorded from the archive: the nominations' columns, the summary optional. */
export const ARCHIVE_COLUMNS: Column[] = COLUMNS.nominations.map((c) => (c.key === 'summary' ? { ...c, required: false } : c));
