// The glossary of official terms: award forms and authorities in English and Korean, the Vietnamese kept as data.
import { describe, expect, it } from 'vitest';
import { translateTerm } from './glossary';

describe('official terms through the glossary', () => {
  it.each([
    ['Giấy khen', 'en', 'Certificate of Merit'],
    ['Bằng khen', 'en', 'Certificate of Commendation'],
    ['Giấy khen', 'ko', '표창장'],
    ['Bằng khen', 'ko', '공로표창장'],
    ['Chủ tịch UBND Quận 7', 'en', "Chairman of District 7 People's Committee"],
    ['Chủ tịch Ủy ban nhân dân Quận 7', 'en', "Chairman of District 7 People's Committee"],
    ['Chủ tịch UBND Quận 7', 'ko', '7군 인민위원회 위원장'],
    ['ỦY BAN NHÂN DÂN QUẬN 7', 'en', "District 7 People's Committee"],
    ['UỶ BAN NHÂN DÂN QUẬN 7', 'en', "District 7 People's Committee"],
    ['Chủ tịch UBND Phường Tân Phong', 'en', "Chairman of Tân Phong Ward People's Committee"],
    ['Chủ tịch UBND Thành phố Hồ Chí Minh', 'en', "Chairman of Ho Chi Minh City People's Committee"],
    ['Ban Thường vụ Quận ủy', 'en', 'Standing Committee of the District Party Committee'],
    ['Phòng Nội vụ Quận 7', 'en', 'Home Affairs Office of District 7'],
    ['  giấy   KHEN ', 'en', 'Certificate of Merit'],
    ['Giay khen'.normalize('NFD'), 'en', null],
    ['Giấy khen'.normalize('NFD'), 'en', 'Certificate of Merit'],
  ])('%s (%s) → %s', (vi, locale, expected) => {
    expect(translateTerm(vi, locale)).toBe(expected);
  });

  it('leaves Vietnamese pages and unknown terms alone', () => {
    expect(translateTerm('Giấy khen', 'vi')).toBeNull();
    expect(translateTerm('Kỷ niệm chương', 'en')).toBeNull();
    expect(translateTerm('', 'en')).toBeNull();
  });

  it('is data: a deployment’s own entries and patterns apply', () => {
    const entries = [
      { vi: ['Giám đốc Sở {x}'], en: 'Director of the {x} Department', ko: '{x} 국장' },
      { vi: ['Nội vụ'], en: 'Home Affairs', ko: '내무' },
    ];
    expect(translateTerm('Giám đốc Sở Nội vụ', 'en', entries)).toBe('Director of the Home Affairs Department');
    expect(translateTerm('Giám đốc Sở Y tế', 'en', entries)).toBe('Director of the Y tế Department');
    expect(translateTerm('Giấy khen', 'en', entries)).toBeNull();
  });
});
