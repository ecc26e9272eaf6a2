// A nomination's dossier as ZIP: the summary DOCX and every attachment, byte for byte, for those who may see it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { nominations, rounds, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { addAttachment } from './attachments';
import { nominationDossierZip } from './dossier';
import { crc32 } from './zip';
import { first } from '@/db/query';

let db: DB;
let officer: Actor;
let officer2: Actor;
let reviewer: Actor;
let draftId: number;
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
const byName = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;

beforeAll(async () => {
  process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-dossier-'));
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  officer = await byName('officer');
  officer2 = await byName('officer2');
  reviewer = await byName('reviewer');
  const roundId = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
  draftId = (await first(db.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, roundId), eq(nominations.status, 'draft')))))!.id;
});

describe('the dossier ZIP', () => {
  it('holds the summary DOCX and each attachment unchanged', async () => {
    let mine = draftId;
    // The draft must lie in the officer's ward: try the demo drafts until one accepts the file.
    for (const n of (await db.select({ id: nominations.id }).from(nominations).where(eq(nominations.status, 'draft')))) {
      try {
        await addAttachment(officer, n.id, { name: 'Biên bản họp xét.pdf', bytes: PDF });
        mine = n.id;
        break;
      } catch {
        /* another ward's draft */
      }
    }
    const { body, fileName } = await nominationDossierZip(reviewer, mine);
    expect(fileName).toBe(`ho-so-de-nghi-${mine}.zip`);
    const z = await JSZip.loadAsync(body);
    expect(Object.keys(z.files).sort()).toEqual(['tep-dinh-kem/Biên bản họp xét.pdf', 'tom-tat-ho-so.docx']);
    expect(new Uint8Array(await z.file('tep-dinh-kem/Biên bản họp xét.pdf')!.async('uint8array'))).toEqual(PDF);
    const docx = await JSZip.loadAsync(await z.file('tom-tat-ho-so.docx')!.async('uint8array'));
    const xml = await docx.file('word/document.xml')!.async('string');
    expect(xml).toContain('HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG');
    expect(xml).toContain('Biên bản họp xét.pdf');
    // Another ward's officer gets nothing.
    await expect(nominationDossierZip(officer2, mine)).rejects.toThrowError('not_found');
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });
});
