import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { awardsXlsx, csvLines, publicAwardsCsv, safeCell, vietnameseDate, type DecisionList } from './exports';

describe('safeCell neutralises formula starts', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+84 90', `'+84 90`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tTab', `'\tTab`],
    ['Nguyễn Văn Đức', 'Nguyễn Văn Đức'],
    ['Khu phố 3', 'Khu phố 3'],
  ])('%j → %j', (input, expected) => expect(safeCell(input)).toBe(expected));
  it('keeps numbers and empties', () => {
    expect(safeCell(12)).toBe(12);
    expect(safeCell(null)).toBe('');
  });
});

describe('publicAwardsCsv', () => {
  it('writes a BOM, quotes what needs quoting and neutralises formulas', () => {
    const csv = publicAwardsCsv([
      { id: 'abc', kind: 'individual', ordinal: 1, name: '=cmd|"/c calc"!A1', position: 'Tổ trưởng, tổ 5', unit: 'Phường Tân Phong' },
    ]);
    expect(csv.startsWith('\uFEFFstt,loai,ten')).toBe(true);
    expect(csv).toContain(`1,Cá nhân,"'=cmd|""/c calc""!A1","Tổ trưởng, tổ 5",Phường Tân Phong,abc`);
  });
});

it('writes dates the administrative way', () => expect(vietnameseDate('2024-05-24')).toBe('ngày 24 tháng 5 năm 2024'));

describe('CSV by RFC 4180 with per-cell neutralising', () => {
  // A reader set to ';' (the Vietnamese Excel default) split an unquoted `Nguyễn;=1+1` into a formula cell.
  it.each([',', ';'] as const)('quotes fields holding any separator, quotes or line breaks (separator %j)', (sep) => {
    const out = csvLines([['Nguyễn;=1+1', 'a,b', 'tab\there', 'say "hi"', 'line\nbreak', 'cr\rx', 'plain', 7]], sep);
    expect(out).toBe(['"Nguyễn;=1+1"', '"a,b"', '"tab\there"', '"say ""hi"""', '"line\nbreak"', '"cr\rx"', 'plain', '7'].join(sep) + '\r\n');
  });
  it('neutralises a formula in every cell, quoted or not', () => {
    expect(csvLines([['=1+1', '-2;x', '@A1', '+1']], ';')).toBe(`'=1+1;"'-2;x";'@A1;'+1\r\n`);
  });
  it('public CSV with ; keeps a name holding ;= in one neutral cell', () => {
    const csv = publicAwardsCsv([{ id: 'abc', kind: 'individual', ordinal: 1, name: 'Nguyễn;=1+1', position: null, unit: '=U' }], ';');
    expect(csv).toBe(`\uFEFFstt;loai;ten;chuc_vu;don_vi;ma_xac_minh\r\n1;Cá nhân;"Nguyễn;=1+1";;'=U;abc\r\n`);
  });
});

describe('XLSX exports keep text as typed text', () => {
  it('writes formula-like names without a leading quote, as string cells', async () => {
    const list: DecisionList = {
      slug: 's', title: 'T', authority: 'UBND', awardForm: 'Giấy khen', issuer: 'UBND Quận 7', decisionNumber: '1/QĐ', decisionDate: '2024-05-24',
      decisionPlace: '', decisionSigner: '', listHash: null, sitting: null,
      collectives: [{ ordinal: 1, name: '=HYPERLINK("http://x")', unit: '+Phường', summary: '=1+1', revoked: false }],
      individuals: [{ ordinal: 1, name: '-Nguyễn', position: '@Tổ trưởng', unit: 'Phường Tân Phong', summary: 'Hoàn thành xuất sắc', revoked: false }],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await awardsXlsx(list)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Danh sách')!;
    const c = ws.getRow(3).getCell(3);
    expect(c.value).toBe('=HYPERLINK("http://x")');
    expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(3).getCell(5).value).toBe('+Phường');
    expect(ws.getRow(4).getCell(3).value).toBe('-Nguyễn');
    expect(ws.getRow(4).getCell(4).value).toBe('@Tổ trưởng');
  });
});
