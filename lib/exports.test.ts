import { describe, expect, it } from 'vitest';
import { publicAwardsCsv, safeCell, vietnameseDate } from './exports';

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
