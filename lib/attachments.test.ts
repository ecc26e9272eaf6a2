import { describe, expect, it } from 'vitest';
import { safeFileName, sniffType } from './attachments';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));

describe('sniffType: the bytes decide, not the name', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n…'), 'application/pdf'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['DOCX', bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml....'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a plain ZIP', bytes([0x50, 0x4b, 0x03, 0x04], 'evil.exe'), null],
    ['HTML', bytes('<html><script>alert(1)</script>'), null],
    ['text claiming to be a PDF', bytes('PDF-1.7 not really'), null],
    ['empty', bytes(''), null],
  ])('%s', (_name, input, expected) => expect(sniffType(input)).toBe(expected));
});

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\a.pdf', 'a.pdf'],
    ['..hidden', 'hidden'],
    ['Biên bản\u0000họp\n.pdf', 'Biên bảnhọp.pdf'],
    ['"quoted".pdf', 'quoted.pdf'],
    ['', 'tep-dinh-kem'],
    ['x'.repeat(500) + '.pdf', 'x'.repeat(200)],
  ])('%j → %j', (input, expected) => expect(safeFileName(input)).toBe(expected));
  it('stores NFC', () => expect(safeFileName('Bie\u0302n ba\u0309n.pdf')).toBe('Biên bản.pdf'));
});
