// The archive matcher: exact matches link, near matches are offered, the rest are new.
import { describe, expect, it } from 'vitest';
import { nameMatcher, nearKey } from './name-match';

const registry = [
  { id: 1, name: 'Nguyễn Văn Đức', unitId: 10 },
  { id: 2, name: 'Trần Thị Hương', unitId: 10 },
  { id: 3, name: 'Nguyễn Văn Đức', unitId: 11 }, // the same name in another unit: another person
  { id: 4, name: 'Lê Đình Đông', unitId: 10 },
  { id: 5, name: 'Lê Dinh Dong', unitId: 10 }, // entered twice already: both are offered
  { id: 6, name: 'Ban điều hành Khu phố 2', unitId: 10 },
];
const match = nameMatcher(registry);

describe('nameMatcher', () => {
  it.each([
    ['exact, same unit', 'Nguyễn Văn Đức', 10, { exact: 1, near: [] }],
    ['exact after NFC and spacing clean-up', 'Nguye\u0302\u0303n  Văn   Đức ', 10, { exact: 1, near: [] }],
    ['exact, other unit', 'Nguyễn Văn Đức', 11, { exact: 3, near: [] }],
    ['without diacritics, đ as d', 'Nguyen Van Duc', 10, { exact: null, near: [1] }],
    ['capital Đ folded', 'NGUYỄN VĂN ĐỨC', 10, { exact: null, near: [1] }],
    ['lower case', 'nguyễn văn đức', 10, { exact: null, near: [1] }],
    ['name order reversed', 'Đức Nguyễn Văn', 10, { exact: null, near: [1] }],
    ['punctuation ignored', 'Nguyễn-Văn Đức.', 10, { exact: null, near: [1] }],
    ['an exact spelling wins over near ones', 'Lê Dinh Dong', 10, { exact: 5, near: [] }],
    ['two registry rows near the same name', 'LÊ ĐÌNH ĐÔNG ', 10, { exact: null, near: [4, 5] }],
    ['a different name', 'Nguyễn Văn Đạt', 10, { exact: null, near: [] }],
    ['same name, unit without such a person', 'Trần Thị Hương', 11, { exact: null, near: [] }],
    ['collective, folded', 'ban dieu hanh khu pho 2', 10, { exact: null, near: [6] }],
    ['a middle name missing is another name', 'Nguyễn Đức', 10, { exact: null, near: [] }],
  ])('%s', (_case, name, unit, expected) => expect(match(name, unit)).toEqual(expected));

  it('nearKey folds case, diacritics, đ, spacing and order', () => {
    expect(nearKey('  Đặng   THỊ Ánh ')).toBe('anh dang thi');
    expect(nearKey('Ánh Đặng Thị')).toBe('anh dang thi');
  });
});
