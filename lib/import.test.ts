// The import against bad files of every kind, good files in every encoding, and size.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { individuals, nominations, rounds, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { importSpreadsheet, readStaged, stageImport, templateCsv } from './import';
import { parseCsv, storedZip, unzipCapped } from './import-parse';
import { first, rows } from '@/db/query';
import { isPostgresDb } from '@/db/engine';

let db: DB;
let admin: Actor;
let officer: Actor;
const HEADER = 'Họ và tên,Giới tính,Năm sinh,Chức vụ,Đơn vị,Đảng viên';
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const count = async () => (await db.select({ id: individuals.id }).from(individuals)).length;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  const id = async (u: string) => (await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id;
  admin = (await loadActor(await id('admin')))!;
  officer = (await loadActor(await id('officer')))!;
  // Start the import worker once (loading it through tsx is slow on a busy machine), so the tests time the work.
  await importSpreadsheet(admin, { kind: 'individuals', bytes: utf8(templateCsv('individuals')), dryRun: true });
}, 180_000);

/** Encodes text as Windows-1258 the way Excel does: base letters plus combining tone marks. */
function cp1258(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1258');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  const out: number[] = [];
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  for (const ch of text.normalize('NFC')) {
    const nfd = ch.normalize('NFD');
    const base = nfd.replace(TONES, '').normalize('NFC');
    if (!table.has(base)) throw new Error(`not in CP1258: ${ch}`);
    out.push(table.get(base)!);
    for (const tone of nfd.match(TONES) ?? []) out.push(table.get(tone)!);
  }
  return new Uint8Array(out);
}

/** A deflated ZIP of `entries` whose size table declares `declared` bytes for each (or the truth when null). */
function lyingZip(entries: Array<{ name: string; data: Buffer }>, declared: number | null): Buffer {
  const stored = storedZip(entries);
  // Re-pack the stored copy with deflate, keeping its CRCs, and write the chosen sizes.
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let p = stored.readUInt32LE(stored.length - 22 + 16);
  for (const e of entries) {
    const crc = stored.readUInt32LE(p + 16);
    const name = Buffer.from(e.name, 'utf8');
    const data = deflateRawSync(e.data);
    const size = declared ?? e.data.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(head, name, data);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
    p += 46 + name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.reduce((n, c) => n + c.length, 0), 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r) => ws.addRow(r));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('bad files get a clear reason and change nothing', () => {
  it.each([
    ['empty', new Uint8Array(), 'empty'],
    ['a PDF named .csv', utf8('%PDF-1.4 ...'), 'not_spreadsheet'],
    ['an old .xls (OLE)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'not_spreadsheet'],
    ['a ZIP that is no workbook', null, 'not_spreadsheet'],
    ['too large', new Uint8Array(21 * 1024 * 1024), 'too_large'],
    ['missing columns', utf8('Họ và tên,Đơn vị\nA,Phường Tân Phong\n'), 'missing_columns'],
    ['extra columns', utf8(`${HEADER},Số CCCD\nA,Nam,1980,,Phường Tân Phong,Có,079123\n`), 'extra_columns'],
  ])('%s', async (_name, bytes, code) => {
    let input = bytes;
    if (input === null) {
      const zip = new JSZip();
      zip.file('hello.txt', 'not a workbook');
      input = new Uint8Array(await zip.generateAsync({ type: 'nodebuffer' }));
    }
    const before = await count();
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: input, dryRun: false });
    expect(r.fileError?.code).toBe(code);
    expect(await count()).toBe(before);
  });

  it('a zip bomb disguised as XLSX is refused before anything is inflated', async () => {
    // Deflated by zlib (JSZip's pure-JS deflate of this takes minutes on a busy machine).
    const bomb = lyingZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * 1024 * 1024, '0') }], null);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: new Uint8Array(bomb), dryRun: true });
    expect(r.fileError?.code).toBe('zip_bomb');
  }, 60_000);

  it('a zip bomb whose size table lies is refused by the bytes actually inflated', async () => {
    // A real workbook whose sheet is padded with 60 MB of spaces, the declared sizes rewritten to 1,000
    // bytes: the old guard summed the declared sizes and let ExcelJS inflate everything.
    const good = Buffer.from(await xlsx([HEADER.split(','), ['Lê Văn Bom', 'Nam', '1980', '', 'Phường Tân Phong', '']]));
    const entries = unzipCapped(good).map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, data: Buffer.from(e.data.toString('utf8').replace('</worksheet>', ' '.repeat(60 * 1024 * 1024) + '</worksheet>')) } : e));
    const bomb = lyingZip(entries, 1000);
    expect(bomb.length).toBeLessThan(200 * 1024);
    // Honest about its sizes, the same workbook is still a workbook (so the refusal is the bomb's, not the file's).
    expect(lyingZip(unzipCapped(good), null).length).toBeGreaterThan(0);
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: new Uint8Array(bomb), dryRun: true });
    expect(r.fileError?.code).toBe('zip_bomb');
    // Inflating stops at the budget: a limit of 1 MB gives up long before the 60 MB are out.
    expect(() => unzipCapped(bomb, 1024 * 1024)).toThrow('zip_bomb');
  }, 60_000);

  it('a workbook read through the capped inflater imports as before', async () => {
    const good = Buffer.from(await xlsx([HEADER.split(','), ['Lê Văn Thật', 'Nam', '1980', '', 'Phường Tân Phong', '']]));
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: new Uint8Array(lyingZip(unzipCapped(good), null)), dryRun: true });
    expect(r).toMatchObject({ rows: 1, errors: [] });
    expect(r.fileError).toBeUndefined();
    expect(storedZip(unzipCapped(good)).length).toBeGreaterThan(good.length);
  });

  it('lists every bad row with its row number, column and reason, and writes nothing', async () => {
    const csv = [HEADER, 'Nguyễn Văn Đúng,Nam,1980,Tổ trưởng,Phường Tân Phong,Có', ',Nữ,1990,,Phường Tân Phong,', 'Trần Thị B,Nữ,19x0,,Phường Ảo,Có lẽ', 'Nguyễn Văn Đúng,Nam,1980,Tổ trưởng,Phường Tân Phong,Có'].join('\n');
    const before = await count();
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: utf8(csv), dryRun: false });
    expect(r.errors).toEqual([
      { row: 3, column: 'Họ và tên', code: 'required', value: '' },
      { row: 4, column: 'Đơn vị', code: 'unknown_unit', value: 'Phường Ảo' },
      { row: 4, column: 'Năm sinh', code: 'bad_year', value: '19x0' },
      { row: 4, column: 'Đảng viên', code: 'bad_yes_no', value: 'Có lẽ' },
      { row: 5, column: 'Họ và tên', code: 'duplicate_in_file', value: 'Nguyễn Văn Đúng' },
    ]);
    expect(r.written).toBe(0);
    expect(await count()).toBe(before);
  });

  it('a short unit name shared by several wards is not guessed for an admin', async () => {
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: utf8(`${HEADER}\nA B,Nam,1980,,Khu phố 2,Không\n`), dryRun: true });
    expect(r.errors.map((e) => e.code)).toEqual(['unknown_unit']);
    const mine = await importSpreadsheet(officer, { kind: 'individuals', bytes: utf8(`${HEADER}\nA B,Nam,1980,,Khu phố 2,Không\n`), dryRun: true });
    expect(mine.errors).toEqual([]);
  });

  it('an officer cannot import into another ward (it reads as an unknown unit)', async () => {
    const r = await importSpreadsheet(officer, { kind: 'individuals', bytes: utf8(`${HEADER}\nA B,Nam,1980,,Phường Tân Hưng,Không\n`), dryRun: true });
    expect(r.errors.map((e) => e.code)).toEqual(['unknown_unit']);
  });
});

describe('good files in every encoding', () => {
  const row = 'Đặng Thị Điệp,Nữ,1985,Giáo viên,Phường Tân Phong,Không';
  it.each([
    ['UTF-8 with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n${row}\r\n`)]))],
    ['UTF-16 LE (Excel "Unicode text")', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${row}\n`, 'utf16le')]))],
    ['semicolon-separated', utf8(`${HEADER.replaceAll(',', ';')}\n${row.replaceAll(',', ';')}\n`)],
  ])('%s', async (_name, bytes) => {
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes, dryRun: true });
    expect(r.fileError).toBeUndefined();
    expect(r.errors).toEqual([]);
    expect(r.rows).toBe(1);
  });

  it('Windows-1258 (Vietnamese Excel on Windows) is read and stored as NFC', async () => {
    const bytes = cp1258(`${HEADER}\r\nĐặng Thị Điệp,Nữ,1985,Giáo viên,Phường Tân Phong,Không\r\n`);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes, dryRun: false });
    expect(r.fileError).toBeUndefined();
    expect(r.errors).toEqual([]);
    const stored = (await db.select({ n: individuals.fullName }).from(individuals).where(eq(individuals.nameFolded, 'dang thi diep'))).map((x) => x.n);
    expect(stored).toContain('Đặng Thị Điệp');
  });

  it('XLSX, written for real, in one transaction with one audit event', async () => {
    const bytes = await xlsx([HEADER.split(','), ['Hồ Văn Xlsx', 'Nam', '1979', 'Trưởng khu phố', 'Khu phố 1, Phường Tân Phong', 'x']]);
    const before = await count();
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes, dryRun: false });
    expect(r.errors).toEqual([]);
    expect(r.written).toBe(1);
    expect(await count()).toBe(before + 1);
    const p = (await first(db.select().from(individuals).where(eq(individuals.fullName, 'Hồ Văn Xlsx'))))!;
    expect(p).toMatchObject({ gender: 'male', birthYear: 1979, partyMember: true, nameFolded: 'ho van xlsx' });
  });

  it('the templates import as they are', async () => {
    for (const kind of ['individuals', 'collectives'] as const) {
      const r = await importSpreadsheet(admin, { kind, bytes: utf8(templateCsv(kind)), dryRun: true });
      expect(r.errors).toEqual([]);
    }
    const r = await importSpreadsheet(officer, { kind: 'nominations', bytes: utf8(templateCsv('nominations')), roundSlug: DEMO_SLUGS.open, dryRun: false });
    expect(r.errors).toEqual([]);
    expect(r.written).toBe(1);
    // The template's nominee now has a draft nomination in that round, filed by the officer's unit scope.
    const round = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!;
    const filed = await db
      .select({ status: nominations.status, kind: nominations.nomineeKind, summary: nominations.summary, createdBy: nominations.createdBy, name: individuals.fullName })
      .from(nominations)
      .innerJoin(individuals, eq(individuals.id, nominations.individualId))
      .where(and(eq(nominations.roundId, round.id), eq(individuals.fullName, 'Trần Thị Hương')));
    expect(filed).toEqual([{ status: 'draft', kind: 'individual', summary: 'Tích cực học tập và làm theo Bác; nhiều năm liền là giáo viên dạy giỏi.', createdBy: officer.id, name: 'Trần Thị Hương' }]);
  });
});

describe('staged files', () => {
  it('a checked file waiting for confirmation is deleted after the hour', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-imports-'));
    const before = process.env.IMPORTS_DIR;
    process.env.IMPORTS_DIR = dir;
    try {
      const old = await stageImport(admin, { kind: 'individuals', bytes: utf8(templateCsv('individuals')) });
      expect(fs.readdirSync(dir).sort()).toEqual([`${old.token}.bin`, `${old.token}.json`]);
      // An hour and a minute later nobody has confirmed it; the next check sweeps it away.
      const past = new Date(Date.now() - 61 * 60_000);
      for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), past, past);
      const fresh = await stageImport(admin, { kind: 'collectives', bytes: utf8(templateCsv('collectives')) });
      expect(fs.readdirSync(dir).sort()).toEqual([`${fresh.token}.bin`, `${fresh.token}.json`]);
      expect(() => readStaged(admin, old.token!)).toThrow('not_found');
      expect(readStaged(admin, fresh.token!).meta).toEqual({ kind: 'collectives' });
    } finally {
      process.env.IMPORTS_DIR = before;
    }
  });
});

describe('size', () => {
  it('10,000 rows import in one transaction', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++) lines.push(`Người Thứ ${i},${i % 2 ? 'Nam' : 'Nữ'},${1960 + (i % 40)},Hội viên,Phường Tân Phong,${i % 3 ? 'Không' : 'Có'}`);
    const before = await count();
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: utf8(lines.join('\n')), dryRun: false });
    console.log(`import 10,000 rows: ${r.ms} ms`);
    expect(r.written).toBe(10_000);
    expect(await count()).toBe(before + 10_000);
  }, 180_000);

  it('a 100,000-row file is read and checked without trouble', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 100_000; i++) lines.push(`Người Kiểm ${i},Nam,1980,,Phường Tân Phong,`);
    const t0 = performance.now();
    const r = await importSpreadsheet(admin, { kind: 'individuals', bytes: utf8(lines.join('\n')), dryRun: true });
    console.log(`dry run 100,000 rows: ${Math.round(performance.now() - t0)} ms`);
    expect(r.rows).toBe(100_000);
    expect(r.errors).toEqual([]);
  }, 300_000);

  it('CSV parsing keeps quoted commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  });
});

describe('import speed', () => {
  it('finds a person or collective by unit and folded name through one index, not by scanning the unit (50,000 rows took 48 s)', async () => {
    for (const table of ['individuals', 'collectives']) {
      if (isPostgresDb(db)) {
        // A plan for a large table (an empty one is scanned whatever its indexes): no sequential scans allowed.
        // The folded name is looked up in an index (the unit's rows are never walked).
        // One simple-protocol round trip on one pooled connection: the setting ends with its transaction.
        const pool = (db as unknown as { $client: { query(text: string): Promise<Array<{ rows: Array<{ 'QUERY PLAN': string }> }>> } }).$client;
        const plan = (await pool.query(`BEGIN; SET LOCAL enable_seqscan = off; EXPLAIN SELECT id FROM ${table} WHERE unit_id = 1 AND name_folded = 'x'; COMMIT`))[2].rows;
        expect(plan.map((p) => p['QUERY PLAN']).join(' '), table).toMatch(/Index (Only )?Scan using \w+ on \w+[^I]*Index Cond: \(.*name_folded = 'x'::text/);
      } else {
        const plan = await rows<{ detail: string }>(db, sql`EXPLAIN QUERY PLAN SELECT id FROM ${sql.raw(table)} WHERE unit_id = ${1} AND name_folded = ${'x'}`);
        expect(plan.map((p) => p.detail).join(' '), table).toMatch(/USING (COVERING )?INDEX \w+ \(unit_id=\? AND name_folded=\?\)/);
      }
    }
  });
});
