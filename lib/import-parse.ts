// Reading the office's spreadsheets: XLSX or CSV (UTF-8, UTF-16 or Windows-1258, comma or
// semicolon), refusing what is not a spreadsheet, too large, or a zip bomb (counted while inflating).
// Pure: no database.
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';

export { MAX_IMPORT_BYTES };
export const MAX_IMPORT_ROWS = 200_000;
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

export type FileProblem = 'empty' | 'too_large' | 'not_spreadsheet' | 'zip_bomb' | 'too_many_rows' | 'bad_encoding';
export class FileError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem);
  }
}

export type Table = { header: string[]; rows: string[][] };

/** Text of a CSV: BOMs name UTF-8 and UTF-16; otherwise strict UTF-8, else Windows-1258 (Vietnamese Excel on Windows). */
export function decodeText(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) text = new TextDecoder('utf-8').decode(b.subarray(3));
  else if (b[0] === 0xff && b[1] === 0xfe) text = new TextDecoder('utf-16le').decode(b.subarray(2));
  else if (b[0] === 0xfe && b[1] === 0xff) text = new TextDecoder('utf-16be').decode(b.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch {
      text = new TextDecoder('windows-1258').decode(b);
    }
  }
  if (text.includes('\u0000')) throw new FileError('bad_encoding');
  return text.normalize('NFC');
}

/** RFC 4180 CSV; the delimiter (comma, semicolon or tab) is the one the header line uses most. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delim = counts.sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delim) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      if (rows.length > MAX_IMPORT_ROWS + 1) throw new FileError('too_many_rows');
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CRC-32 (the ZIP polynomial), for the stored copy handed to ExcelJS. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Most bytes a ZIP of `size` bytes may inflate to: 200 times its size, never more than 200 MB. */
export function inflateLimit(size: number): number {
  return Math.min(MAX_UNZIPPED_BYTES, size * 200);
}

/**
 * Inflates every entry of a ZIP, counting the bytes actually produced while inflating — the sizes the
 * ZIP declares are the attacker's to write, so they are never trusted — and refuses it as a zip bomb
 * the moment the total passes `limit`. Returns the entries' names and contents.
 */
export function unzipCapped(b: Buffer, limit = inflateLimit(b.length)): Array<{ name: string; data: Buffer }> {
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > b.length) throw new FileError('not_spreadsheet');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  let total = 0;
  const out: Array<{ name: string; data: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new FileError('not_spreadsheet');
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const nameLength = b.readUInt16LE(p + 28);
    const local = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    p += 46 + nameLength + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) throw new FileError('not_spreadsheet');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + compressed > b.length) throw new FileError('not_spreadsheet');
    const raw = b.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        // zlib stops with ERR_BUFFER_TOO_LARGE as soon as the output passes what is left of the budget.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, limit - total) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new FileError('zip_bomb');
        throw new FileError('not_spreadsheet');
      }
    } else throw new FileError('not_spreadsheet');
    total += data.length;
    if (total > limit) throw new FileError('zip_bomb');
    if (!name.endsWith('/')) out.push({ name, data });
  }
  return out;
}

/** A ZIP that stores `entries` uncompressed: what ExcelJS reads, so it never inflates anything itself. */
export function storedZip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(e.data.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(head, name, e.data);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result == null ? '' : String(v.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v);
}

/** A spreadsheet file as a table of trimmed NFC strings; the kind is decided by the bytes, not the name. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.byteLength === 0) throw new FileError('empty');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new FileError('too_large');
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let rows: string[][];
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const entries = unzipCapped(b);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(storedZip(entries) as never);
    } catch {
      throw new FileError('not_spreadsheet');
    }
    const ws = wb.worksheets[0];
    // A ZIP without a worksheet is no workbook.
    if (!ws) throw new FileError('not_spreadsheet');
    if (ws.rowCount > MAX_IMPORT_ROWS + 1) throw new FileError('too_many_rows');
    rows = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = row.values as ExcelJS.CellValue[];
      rows[n - 1] = values.slice(1).map(cellText);
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  } else {
    // A CSV is text: a NUL byte or a known binary signature means it is something else.
    if (b.subarray(0, 5).toString('latin1') === '%PDF-' || (b[0] === 0xd0 && b[1] === 0xcf)) throw new FileError('not_spreadsheet');
    rows = parseCsv(decodeText(bytes));
  }
  const clean = rows.map((r) => r.map((c) => c.normalize('NFC').replace(/\s+/g, ' ').trim()));
  while (clean.length && clean[clean.length - 1].every((c) => c === '')) clean.pop();
  if (clean.length === 0) throw new FileError('empty');
  const [header, ...body] = clean;
  return { header, rows: body };
}
