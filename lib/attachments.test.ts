import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { attachments, rounds, units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import type { DB } from '@/db/connection';
import { addAttachment, contentDisposition, getAttachment, safeFileName, sniffType } from './attachments';
import { isDomainError } from './errors';
import { loadActor } from './users';
import { createNomination } from './workflow';
import { first } from '@/db/query';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = [0, 0, 0, 13, ...Buffer.from('IHDR'), 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde];
const IEND = [0, 0, 0, 0, ...Buffer.from('IEND'), 0xae, 0x42, 0x60, 0x82];
const PDF = bytes('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = bytes(PNG_SIG, IHDR, IEND);
const DOCX = bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml....<w:body>');

describe('sniffType: the bytes decide, not the name', () => {
  it.each([
    ['PDF', PDF, 'application/pdf'],
    ['PNG', PNG, 'image/png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['DOCX', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a plain ZIP', bytes([0x50, 0x4b, 0x03, 0x04], 'evil.exe'), null],
    ['HTML', bytes('<html><script>alert(1)</script>'), null],
    ['text claiming to be a PDF', bytes('PDF-1.7 not really'), null],
    ['empty', bytes(''), null],
    // Polyglots: an accepted signature, then markup that mshta or a browser would run.
    ['PDF signature, then an HTA', bytes('%PDF-1.4\n<html><head><hta:application id="x"/><script>new ActiveXObject("WScript.Shell")</script></head></html>'), null],
    ['PDF signature and %%EOF around HTML', bytes('%PDF-1.4\n<HTML><SCRIPT>alert(1)</SCRIPT></HTML>\n%%EOF\n'), null],
    ['PNG signature, then <script>', bytes(PNG_SIG, '<script>alert(1)</script>'), null],
    ['PNG with chunks and a <script> after IEND', bytes(PNG_SIG, IHDR, IEND, '<script>alert(1)</script>'), null],
    ['a PDF without its %%EOF', bytes('%PDF-1.7\n1 0 obj<<>>endobj\n'), null],
    ['an EXE', bytes('MZ\x90\x00\x03\x00\x00\x00'), null],
  ])('%s', (_name, input, expected) => expect(sniffType(input)).toBe(expected));
});

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\a.pdf', 'a.pdf'],
    ['..hidden', 'hidden'],
    ['Biên bản\u0000họp\n.pdf', 'Biên bảnhọp .pdf'],
    ['"quoted".pdf', 'quoted.pdf'],
    ['', 'tep-dinh-kem'],
    ['x'.repeat(500) + '.pdf', 'x'.repeat(200)],
  ])('%j → %j', (input, expected) => expect(safeFileName(input)).toBe(expected));
  it('stores NFC', () => expect(safeFileName('Bie\u0302n ba\u0309n.pdf')).toBe('Biên bản.pdf'));

  it.each([
    ['Bien ban hop.hta', 'application/pdf', 'Bien ban hop.pdf'],
    ['anh.html', 'image/png', 'anh.png'],
    ['Bien ban\u202Efdp.exe', 'application/pdf', 'Bien banfdp.pdf'],
    ['Bien ban\u202Efdp.exe', 'image/jpeg', 'Bien banfdp.jpg'],
    ['a\u200B.pd\u200Ff', 'application/pdf', 'a.pdf'],
    ['Biên bản họp', 'application/pdf', 'Biên bản họp.pdf'],
    ['Quyết định 12.2024.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Quyết định 12.2024.docx'],
    ['.pdf', 'application/pdf', 'tep-dinh-kem.pdf'],
    ['photo.exe .', 'image/png', 'photo.png'],
  ] as const)('%j stored as %s → %j', (input, type, expected) => expect(safeFileName(input, type)).toBe(expected));
});

describe('contentDisposition', () => {
  it('offers the cleaned name by RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('Biên bản họp (đợt 1).pdf')).toBe(
      `attachment; filename="Bien ban hop (dot 1).pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20%28%C4%91%E1%BB%A3t%201%29.pdf`,
    );
    expect(contentDisposition('a"b;c%d\\e.pdf')).toBe(`attachment; filename="a_b_c_d_e.pdf"; filename*=UTF-8''a%22b%3Bc%25d%5Ce.pdf`);
  });
});

describe('addAttachment and getAttachment', () => {
  let db: DB;
  let nominationId: number;
  let now: Date;
  const officer = async () => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer'))))!.id))!;
  const refusal = async (f: () => unknown) => {
    try {
      await f();
    } catch (e) {
      if (isDomainError(e)) return { code: e.code, params: e.params };
      throw e;
    }
    return null;
  };

  beforeAll(async () => {
    process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-uploads-'));
    ({ db } = await freshDatabase());
    await seedDemo(db);
    useAsAppDatabase(db);
    const round = (await first(db.select().from(rounds).where(eq(rounds.status, 'open'))))!;
    now = new Date(round.windowOpensAt!.getTime() + 3_600_000);
    const unit = (await first(db.select({ id: units.id }).from(units).where(and(eq(units.name, 'Phường Tân Phong')))))!;
    nominationId = (await createNomination(await officer(), { roundId: round.id, unitId: unit.id, nominee: { kind: 'individual', create: { fullName: 'Trần Thị Thử Tệp', unitId: unit.id } }, summary: 'Thử tệp đính kèm.' }, now)).id;
  });

  it.each([
    ['Bien ban hop.hta', bytes('%PDF-1.4\n<html><script>new ActiveXObject("WScript.Shell")</script></html>\n%%EOF\n')],
    ['anh.html', bytes(PNG_SIG, '<script>alert(document.cookie)</script>')],
    ['Bien ban\u202Efdp.exe', bytes('MZ\x90\x00\x03\x00\x00\x00PE\x00\x00')],
  ])('refuses %j whose content is no accepted type, and stores nothing', async (name, content) => {
    const before = fs.readdirSync(process.env.UPLOADS_DIR!).length;
    expect(await refusal(async () => addAttachment(await officer(), nominationId, { name, bytes: content }, now))).toEqual({ code: 'invalid_file', params: { reason: 'type', name: expect.any(String) } });
    expect(await db.select().from(attachments).where(eq(attachments.nominationId, nominationId))).toEqual([]);
    expect(fs.readdirSync(process.env.UPLOADS_DIR!).length).toBe(before);
  });

  it('stores a real PDF named "Bien ban\\u202Efdp.exe" as "Bien banfdp.pdf" and offers that name for download', async () => {
    const a = await addAttachment(await officer(), nominationId, { name: 'Bien ban\u202Efdp.exe', bytes: PDF }, now);
    expect(a.fileName).toBe('Bien banfdp.pdf');
    expect(a.mimeType).toBe('application/pdf');
    const got = await getAttachment(await officer(), a.id);
    expect(got.fileName).toBe('Bien banfdp.pdf');
    expect(contentDisposition(got.fileName)).toBe(`attachment; filename="Bien banfdp.pdf"; filename*=UTF-8''Bien%20banfdp.pdf`);
  });

  it('a row stored before the fix is offered under its cleaned name with the detected extension', async () => {
    const a = await addAttachment(await officer(), nominationId, { name: 'x.png', bytes: PNG }, now);
    await db.update(attachments).set({ fileName: 'anh\u202Elmth.png.html' }).where(eq(attachments.id, a.id));
    expect((await getAttachment(await officer(), a.id)).fileName).toBe('anhlmth.png.png');
  });
});
