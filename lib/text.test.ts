import { describe, expect, it } from 'vitest';
import { clean, cleanLines, compareVi, fold, slugify, foldedWords, hasFoldedWords, pageByName } from './text';

describe('fold', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen van duc'],
    ['Tân Thuận Đông', 'tan thuan dong'],
    ['ĐẶNG THỊ ĐIỆP', 'dang thi diep'],
    ['  Phạm   Quỳnh  ', 'pham quynh'],
    ['Hồ Chí Minh', 'ho chi minh'],
    ['Nguye\u0302\u0303n', 'nguyen'],
  ])('%s → %s', (input, expected) => expect(fold(input)).toBe(expected));
});

describe('clean', () => {
  it('stores NFC and collapses whitespace', () => {
    const decomposed = 'Nguye\u0302\u0303n  Văn\tA';
    expect(clean(decomposed)).toBe('Nguyễn Văn A');
    expect(clean(decomposed)).toBe(clean(decomposed).normalize('NFC'));
  });
});

describe('Vietnamese order', () => {
  it('sorts with the vi collator (Đ after D, Ă/Â after A)', () => {
    expect(['Đức', 'Dũng', 'An', 'Ánh', 'Bình'].sort(compareVi)).toEqual(['An', 'Ánh', 'Bình', 'Dũng', 'Đức']);
  });
});

describe('slugify', () => {
  it('makes ASCII slugs', () => expect(slugify('Phường Tân Thuận Đông')).toBe('phuong-tan-thuan-dong'));
});

describe('clean removes what is not text', () => {
  it('drops controls, bidi overrides and zero-width marks; replaces lone surrogates', () => {
    expect(clean('a\u0000b\u0007c\u001b[2Jd\u007f\u0085')).toBe('abc[2Jd');
    expect(clean('\u202Egnp.exe\u200B\uFEFF')).toBe('gnp.exe');
    expect(clean('x\uD800y\uDFFFz')).toBe('x\uFFFDy\uFFFDz');
    expect(clean('👍🏽 Đức')).toBe('👍🏽 Đức');
    expect(clean('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
  it('cleanLines keeps line breaks', () => {
    expect(cleanLines('  Một\r\n\tHai\u0007  \rBa  ')).toBe('Một\n Hai\nBa');
  });
});

describe('clean removes every invisible character, not only the common ones', () => {
  it.each([
    ['soft hyphen', 'Bi\u00ADên'],
    ['zero-width joiner', 'Bi\u200Dên'],
    ['zero-width non-joiner', 'Bi\u200Cên'],
    ['word joiner', 'Bi\u2060ên'],
    ['Arabic letter mark', 'Bi\u061Cên'],
    ['Hangul filler', 'Bi\u3164ên'],
    ['Mongolian vowel separator', 'Bi\u180Eên'],
    ['tag characters', 'Bi\u{E0041}\u{E0042}ên'],
    ['interlinear annotation', 'Bi\uFFF9ên'],
  ])('%s', (_name, input) => expect(clean(input)).toBe('Biên'));
});

describe('a staff list filtered by name (hasFoldedWords)', () => {
  it('keeps a name holding every word typed, whatever its diacritics, case or đ', () => {
    const words = foldedWords('  ĐẶNG   thi ');
    expect(words).toEqual(['dang', 'thi']);
    expect(hasFoldedWords('Đặng Thị Mai', words)).toBe(true);
    expect(hasFoldedWords('Nguyễn Thị Đăng', words)).toBe(true);
    expect(hasFoldedWords('Đặng Văn Mai', words)).toBe(false);
    expect(hasFoldedWords('Đặng Thị Mai', [])).toBe(true);
  });

  it('pages the names kept (pageByName): every one once in order, a page past the end is the last, an empty list one page', () => {
    const list = ['Đặng Thị Mai', 'Lê Văn An', 'Đặng Văn Bình', 'Trần Thị Đào', 'Đặng Minh'].map((name, id) => ({ id, name }));
    expect(pageByName(list, undefined, 1, 2)).toEqual({ items: list.slice(0, 2), matching: 5, page: 1, pageCount: 3 });
    expect(pageByName(list, '', 3, 2).items).toEqual(list.slice(4));
    expect(pageByName(list, 'dang', 2, 2)).toEqual({ items: [list[4]], matching: 3, page: 2, pageCount: 2 });
    expect(pageByName(list, 'DANG', 9, 2).page).toBe(2);
    expect(pageByName(list, 'khong co', 1, 2)).toEqual({ items: [], matching: 0, page: 1, pageCount: 1 });
  });
});
