// Nomination attachments: PDF, DOCX, JPEG or PNG up to 10 MB, recognised by their bytes (never by
// name or declared type) and named with the extension of that type, stored under data/uploads outside
// public/, read back only through getAttachment(), which applies the same scope as the nomination itself.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { attachments } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { getNomination } from '@/lib/nominations';
import { nominationRefusal, type Actor } from '@/lib/policy';
import { clean } from '@/lib/text';
import { MAX_ATTACHMENT_BYTES } from '@/lib/upload-limits';
import { loadNominationContext, write, type Tx } from '@/lib/workflow';
import { first, isRowId } from '@/db/query';

export { MAX_ATTACHMENT_BYTES };

export function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOADS_DIR || 'data/uploads');
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg' | typeof DOCX;

/** The extension a stored file gets: from its detected type, never from the name it came with. */
export const EXTENSION: Record<AttachmentType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', [DOCX]: 'docx' };

// Markup a browser or Windows' mshta would run if the file were opened as HTML: a polyglot (PDF or PNG
// signature, then HTML) is refused whatever its name. Long enough that compressed bytes never match.
const MARKUP = /<(?:script|!doctype|html[\s>]|iframe|object[\s>]|embed[\s>]|hta:|svg[\s>]|body[\s>]|meta[\s>]|\?xml-stylesheet)/i;

/**
 * The file's real type from its bytes, or null when it is none of the accepted kinds: the signature,
 * then the structure a reader needs (a PDF's %%EOF in its last KiB, a PNG's IHDR first chunk, a DOCX's
 * content types and document part), and no HTML anywhere.
 */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = signatureType(b);
  if (!type) return null;
  if (MARKUP.test(b.toString('latin1'))) return null;
  return type;
}

function signatureType(b: Buffer): AttachmentType | null {
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') {
    return b.subarray(Math.max(0, b.length - 1024)).includes('%%EOF', 0, 'latin1') ? 'application/pdf' : null;
  }
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return b.readUInt32BE(8) === 13 && b.subarray(12, 16).toString('latin1') === 'IHDR' && b.includes('IEND', 16, 'latin1') ? 'image/png' : null;
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff && b.length > 4) return 'image/jpeg';
  // A DOCX is a ZIP whose directory names [Content_Types].xml and word/document.xml.
  if (b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes('[Content_Types].xml', 0, 'latin1') && b.includes('word/document.xml', 0, 'latin1')) {
    return DOCX;
  }
  return null;
}

/**
 * The name a file is stored and offered under: the last path segment, cleaned as all text is (NFC,
 * controls, bidi and zero-width characters gone), without characters Windows refuses, its extension
 * replaced by the one of the detected type.
 */
export function safeFileName(name: string, type?: AttachmentType): string {
  const base = clean(name.split(/[\\/]/).pop() ?? '');
  let stem = base.replace(/["<>|:*?]/g, '').replace(/[.\s]+$/, '');
  if (type) stem = stem.replace(/\.[^.\s]{1,10}$/, '');
  stem = stem.replace(/^[.\s]+/, '').slice(0, 200).trim() || 'tep-dinh-kem';
  return type ? `${stem}.${EXTENSION[type]}` : stem;
}

/** Content-Disposition for a download: an ASCII fallback and the real name by RFC 5987/6266. */
export function contentDisposition(fileName: string, inline = false): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D')).replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type AttachmentDTO = { id: number; fileName: string; mimeType: string; size: number; createdAt: Date };

/** A file checked and written to the uploads directory, not yet recorded: recorded in the caller's
 * transaction with `recordAttachment`, or discarded when that transaction does not commit. */
export type StagedFile = { fileName: string; mimeType: AttachmentType; size: number; sha256: string; storageKey: string; target: string };

/** Checks a file (size, type by its bytes) and writes it under a random key; refuses with `invalid_file`. */
export function stageFile(file: { name: string; bytes: Uint8Array }): StagedFile {
  if (file.bytes.byteLength === 0 || file.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new DomainError('invalid_file', { reason: 'size', name: clean(file.name).slice(0, 200) });
  const mimeType = sniffType(file.bytes);
  if (!mimeType) throw new DomainError('invalid_file', { reason: 'type', name: clean(file.name).slice(0, 200) });
  const fileName = safeFileName(file.name, mimeType);
  const storageKey = randomBytes(16).toString('hex');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const dir = uploadsDir();
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, storageKey);
  fs.writeFileSync(target, file.bytes, { flag: 'wx', mode: 0o600 });
  return { fileName, mimeType, size: file.bytes.byteLength, sha256, storageKey, target };
}

/** Stages every file, or none: a refusal of the third removes the first two. */
export function stageFiles(files: Array<{ name: string; bytes: Uint8Array }>): StagedFile[] {
  const staged: StagedFile[] = [];
  try {
    for (const f of files) staged.push(stageFile(f));
    return staged;
  } catch (e) {
    discardStaged(staged);
    throw e;
  }
}

/** Nothing half-written: the bytes go when the record does not come. */
export function discardStaged(staged: StagedFile[]): void {
  for (const s of staged) fs.rmSync(s.target, { force: true });
}

/** Records a staged file on a nomination inside the caller's transaction, with its audit event. */
export async function recordAttachment(tx: Tx, actor: Actor, nominationId: number, s: StagedFile, now: Date): Promise<AttachmentDTO> {
  const row = (await first(tx
    .insert(attachments)
    .values({ nominationId, fileName: s.fileName, mimeType: s.mimeType, size: s.size, sha256: s.sha256, storageKey: s.storageKey, uploadedBy: actor.id, createdAt: now })
    .returning({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size, createdAt: attachments.createdAt })))!;
  await appendAudit(tx, { actorId: actor.id, action: 'nomination.attach', entityType: 'nomination', entityId: nominationId, after: { attachmentId: row.id, fileName: s.fileName, mimeType: s.mimeType, size: s.size, sha256: s.sha256 } });
  return row;
}

export async function addAttachment(actor: Actor | null, nominationId: number, file: { name: string; bytes: Uint8Array }, now = new Date()): Promise<AttachmentDTO> {
  const staged = stageFile(file);
  try {
    return await write(async (tx) => {
      const ctx = await loadNominationContext(tx, nominationId);
      if (!ctx) throw new DomainError('not_found');
      const refusal = nominationRefusal(actor, 'edit', ctx, now);
      if (refusal) throw new DomainError(refusal);
      return recordAttachment(tx, actor!, nominationId, staged, now);
    });
  } catch (e) {
    discardStaged([staged]);
    throw e;
  }
}

/** Removes an attachment from a nomination its unit may still edit; the file goes once the record has. */
export async function removeAttachment(actor: Actor | null, attachmentId: number, now = new Date()): Promise<{ nominationId: number; }> {
  if (!isRowId(attachmentId)) throw new DomainError('not_found');
  const removed = await write(async (tx) => {
    const row = await first(tx.select().from(attachments).where(eq(attachments.id, attachmentId)));
    if (!row) throw new DomainError('not_found');
    const ctx = await loadNominationContext(tx, row.nominationId);
    if (!ctx) throw new DomainError('not_found');
    const refusal = nominationRefusal(actor, 'edit', ctx, now);
    if (refusal) throw new DomainError(refusal);
    await tx.delete(attachments).where(eq(attachments.id, attachmentId));
    await appendAudit(tx, { actorId: actor!.id, action: 'nomination.detach', entityType: 'nomination', entityId: row.nominationId, before: { attachmentId, fileName: row.fileName, sha256: row.sha256 }, after: null });
    return row;
  });
  fs.rmSync(path.join(uploadsDir(), removed.storageKey), { force: true });
  return { nominationId: removed.nominationId };
}

export async function listAttachments(actor: Actor | null, nominationId: number): Promise<AttachmentDTO[]> {
  await getNomination(actor, nominationId);
  return await getDb()
    .select({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.nominationId, nominationId))
    .orderBy(asc(attachments.id));
}

/** The stored file for a download, or not_found when the actor may not see its nomination. */
export async function getAttachment(actor: Actor | null, attachmentId: number): Promise<{ fileName: string; mimeType: string; size: number; file: string; }> {
  if (!isRowId(attachmentId)) throw new DomainError('not_found');
  const row = await first(getDb().select().from(attachments).where(and(eq(attachments.id, attachmentId))));
  if (!row) throw new DomainError('not_found');
  await getNomination(actor, row.nominationId);
  // Rows stored before names were cleaned and extensions derived get the same treatment on the way out.
  const mimeType = (row.mimeType in EXTENSION ? row.mimeType : 'application/octet-stream') as AttachmentType;
  const fileName = row.mimeType in EXTENSION ? safeFileName(row.fileName, mimeType) : safeFileName(row.fileName);
  return { fileName, mimeType, size: row.size, file: path.join(uploadsDir(), row.storageKey) };
}
