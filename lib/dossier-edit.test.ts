// The unit's one nomination form (issue "Screens for daily use", item 2): files chosen at creation, a
// similar name in the unit warned about, every nominee field editable, a picked file and an edited summary
// never dropped by sending, drafts deleted and files removed — each all or nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { attachments, auditEvents, individuals, nominations, rounds, units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import type { DB } from '@/db/connection';
import { removeAttachment } from './attachments';
import { deleteDraft, nominate, saveDossier } from './dossier-edit';
import { loadActor } from './users';
import { first } from '@/db/query';

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'));
const NOT_PDF = new Uint8Array(Buffer.from('<html><script>alert(1)</script></html>', 'latin1'));

let db: DB;
let roundId: number;
let unitId: number;
let now: Date;
const officer = async () => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer'))))!.id))!;
const files = () => fs.readdirSync(process.env.UPLOADS_DIR!).length;
const nominationsNamed = async (name: string) =>
  await db.select({ id: nominations.id }).from(nominations).innerJoin(individuals, eq(individuals.id, nominations.individualId)).where(eq(individuals.fullName, name));
const refusal = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    return { code: (e as { code?: string }).code, params: (e as { params?: object }).params };
  }
  return null;
};
const person = (fullName: string) => ({ kind: 'individual' as const, create: { fullName, unitId, position: 'Tổ viên' } });

beforeAll(async () => {
  process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-dossier-'));
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  const round = (await first(db.select().from(rounds).where(eq(rounds.status, 'open'))))!;
  roundId = round.id;
  now = new Date(round.windowOpensAt!.getTime() + 3_600_000);
  unitId = (await first(db.select({ id: units.id }).from(units).where(and(eq(units.name, 'Phường Tân Phong')))))!.id;
});

describe('one nomination form', () => {
  it('creates the nomination with its file and sends it, in one step', async () => {
    const { id } = await nominate(await officer(), { roundId, unitId, nominee: person('Lâm Thị Một Lần'), summary: 'Tích cực vận động nhân dân.' }, [{ name: 'Biên bản.pdf', bytes: PDF }], { send: true }, now);
    const n = (await first(db.select({ status: nominations.status }).from(nominations).where(eq(nominations.id, id))))!;
    expect(n.status).toBe('submitted');
    expect(await db.select({ fileName: attachments.fileName }).from(attachments).where(eq(attachments.nominationId, id))).toEqual([{ fileName: 'Biên bản.pdf' }]);
  });

  it('a file that is not what it claims refuses the whole creation: no nomination, no person, no bytes left', async () => {
    const before = files();
    const r = await refusal(async () => nominate(await officer(), { roundId, unitId, nominee: person('Đào Văn Tệp Hỏng'), summary: 'Tích cực vận động nhân dân.' }, [{ name: 'a.pdf', bytes: PDF }, { name: 'b.pdf', bytes: NOT_PDF }], {}, now));
    expect(r?.code).toBe('invalid_file');
    expect(await nominationsNamed('Đào Văn Tệp Hỏng')).toEqual([]);
    expect(await db.select().from(individuals).where(eq(individuals.fullName, 'Đào Văn Tệp Hỏng'))).toEqual([]);
    expect(files()).toBe(before);
  });

  it('a new name like one already in the unit (any case, diacritics, đ or order) is refused, naming it, until confirmed', async () => {
    await nominate(await officer(), { roundId, unitId, nominee: person('Nguyễn Văn Đức Thử'), summary: 'Lần đầu.' }, [], {}, now);
    const r = await refusal(async () => nominate(await officer(), { roundId, unitId, nominee: person('nguyen  van DUC thu'), summary: 'Lần hai.' }, [], {}, now));
    expect(r).toEqual({ code: 'possible_duplicate', params: { field: 'name', names: 'Nguyễn Văn Đức Thử' } });
    expect((await refusal(async () => nominate(await officer(), { roundId, unitId, nominee: person('Thử Đức Nguyễn Văn'), summary: 'Lần ba.' }, [], {}, now)))?.code).toBe('possible_duplicate');
    // Confirmed: this is someone else of the same name.
    await nominate(await officer(), { roundId, unitId, nominee: person('nguyen van duc thu'), summary: 'Người khác.' }, [], { confirmDuplicate: true }, now);
    expect(await nominationsNamed('nguyen van duc thu')).toHaveLength(1);
  });
});

describe('saving the dossier', () => {
  it('send saves the edited summary, the nominee fields and the picked file first, in the same transaction', async () => {
    const { id } = await nominate(await officer(), { roundId, unitId, nominee: person('Phạm Thị Gửi Kèm'), summary: 'Bản cũ.' }, [], {}, now);
    await saveDossier(await officer(), id, { nominee: { name: 'Phạm Thị Gửi Kèm Sửa', position: 'Tổ trưởng', gender: 'female', birthYear: 1980, partyMember: true }, summary: 'Bản mới, đã bổ sung biên bản.', files: [{ name: 'bs.pdf', bytes: PDF }], send: true }, now);
    const n = (await first(db.select().from(nominations).where(eq(nominations.id, id))))!;
    expect(n.status).toBe('submitted');
    expect(n.summary).toBe('Bản mới, đã bổ sung biên bản.');
    const p = (await first(db.select().from(individuals).where(eq(individuals.id, n.individualId!))))!;
    expect({ name: p.fullName, position: p.position, gender: p.gender, birthYear: p.birthYear, party: p.partyMember }).toEqual({ name: 'Phạm Thị Gửi Kèm Sửa', position: 'Tổ trưởng', gender: 'female', birthYear: 1980, party: true });
    expect(await db.select().from(attachments).where(eq(attachments.nominationId, id))).toHaveLength(1);
    const actions = (await db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, id))).map((e) => e.a);
    expect(actions).toEqual(expect.arrayContaining(['nomination.edit', 'nomination.attach', 'nomination.submit']));
  });

  it('a refused file changes nothing else: the summary stays as it was and the nomination is not sent', async () => {
    const { id } = await nominate(await officer(), { roundId, unitId, nominee: person('Võ Văn Chưa Gửi'), summary: 'Bản cũ.' }, [], {}, now);
    const before = files();
    expect((await refusal(async () => saveDossier(await officer(), id, { summary: 'Bản mới.', files: [{ name: 'x.pdf', bytes: NOT_PDF }], send: true }, now)))?.code).toBe('invalid_file');
    const n = (await first(db.select().from(nominations).where(eq(nominations.id, id))))!;
    expect([n.status, n.summary]).toEqual(['draft', 'Bản cũ.']);
    expect(files()).toBe(before);
  });

  it('a submitted nomination can no longer be edited by its unit', async () => {
    const { id } = await nominate(await officer(), { roundId, unitId, nominee: person('Hồ Thị Đã Gửi'), summary: 'Đủ dài để gửi đi.' }, [], { send: true }, now);
    expect((await refusal(async () => saveDossier(await officer(), id, { summary: 'Sửa sau khi gửi.' }, now)))?.code).toBe('invalid_state');
  });
});

describe('deleting drafts and files', () => {
  it('a draft is deleted with its files; the audit keeps what it was', async () => {
    const { id } = await nominate(await officer(), { roundId, unitId, nominee: person('Tạ Văn Bỏ Nháp'), summary: 'Nháp.' }, [{ name: 'nhap.pdf', bytes: PDF }], {}, now);
    const before = files();
    await deleteDraft(await officer(), id, now);
    expect(await db.select().from(nominations).where(eq(nominations.id, id))).toEqual([]);
    expect(await db.select().from(attachments).where(eq(attachments.nominationId, id))).toEqual([]);
    expect(files()).toBe(before - 1);
    const ev = (await first(db.select().from(auditEvents).where(and(eq(auditEvents.action, 'nomination.delete'), eq(auditEvents.entityId, id)))))!;
    expect(ev.before).toMatchObject({ summary: 'Nháp.', files: ['nhap.pdf'] });
  });

  it('a submitted nomination is not deleted (it is withdrawn, with a reason)', async () => {
    const { id } = await nominate(await officer(), { roundId, unitId, nominee: person('Lý Thị Không Xóa'), summary: 'Đủ dài để gửi đi.' }, [], { send: true }, now);
    expect((await refusal(async () => deleteDraft(await officer(), id, now)))?.code).toBe('invalid_state');
  });

  it('a file is removed from a draft, record and bytes', async () => {
    const { id } = await nominate(await officer(), { roundId, unitId, nominee: person('Mai Văn Gỡ Tệp'), summary: 'Nháp.' }, [{ name: 'sai.pdf', bytes: PDF }], {}, now);
    const [a] = await db.select().from(attachments).where(eq(attachments.nominationId, id));
    const before = files();
    await removeAttachment(await officer(), a.id, now);
    expect(await db.select().from(attachments).where(eq(attachments.nominationId, id))).toEqual([]);
    expect(files()).toBe(before - 1);
  });
});

describe('the form boundary', () => {
  it('an empty file field (one empty file, whatever the browser names it) is no file; a picked file is kept', async () => {
    const { pickedFiles } = await import('./form-files');
    expect(await pickedFiles([new File([], '')])).toEqual([]);
    expect(await pickedFiles([new File([], 'blob')])).toEqual([]);
    expect(await pickedFiles(undefined)).toEqual([]);
    const [f] = await pickedFiles([new File([PDF], 'Biên bản.pdf')]);
    expect([f.name, f.bytes.length]).toEqual(['Biên bản.pdf', PDF.length]);
  });
});
