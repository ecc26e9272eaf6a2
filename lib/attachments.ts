// Nomination attachments: PDF, DOCX, JPEG or PNG up to 10 MB, recognised by their bytes (never by
// name or declared type), stored under data/uploads outside public/, read back only through
// getAttachment(), which applies the same scope as the nomination itself.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { attachments } from '@/db/schema';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { getNomination } from '@/lib/nominations';
import { nominationRefusal, type Actor } from '@/lib/policy';
import { loadNominationContext, write } from '@/lib/workflow';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOADS_DIR || 'data/uploads');
}

/** The file's real type from its first bytes, or null when it is none of the accepted kinds. */
export function sniffType(bytes: Uint8Array): 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  // A DOCX is a ZIP whose directory names word/document.xml.
  if (b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes('word/document.xml', 0, 'latin1')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

/** A file name safe to store and to echo in a header: no path, no control characters, NFC, bounded. */
export function safeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || 'tep-dinh-kem';
}

export type AttachmentDTO = { id: number; fileName: string; mimeType: string; size: number; createdAt: Date };

export function addAttachment(actor: Actor | null, nominationId: number, file: { name: string; bytes: Uint8Array }, now = new Date()): AttachmentDTO {
  if (file.bytes.byteLength === 0 || file.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new DomainError('invalid_file', { reason: 'size' });
  const mimeType = sniffType(file.bytes);
  if (!mimeType) throw new DomainError('invalid_file', { reason: 'type' });
  const fileName = safeFileName(file.name);
  const storageKey = randomBytes(16).toString('hex');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const dir = uploadsDir();
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, storageKey);
  fs.writeFileSync(target, file.bytes, { flag: 'wx', mode: 0o600 });
  try {
    return write((tx) => {
      const ctx = loadNominationContext(tx, nominationId);
      if (!ctx) throw new DomainError('not_found');
      const refusal = nominationRefusal(actor, 'edit', ctx, now);
      if (refusal) throw new DomainError(refusal);
      const row = tx
        .insert(attachments)
        .values({ nominationId, fileName, mimeType, size: file.bytes.byteLength, sha256, storageKey, uploadedBy: actor!.id, createdAt: now })
        .returning({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size, createdAt: attachments.createdAt })
        .get();
      appendAudit(tx, { actorId: actor!.id, action: 'nomination.attach', entityType: 'nomination', entityId: nominationId, after: { attachmentId: row.id, fileName, mimeType, size: row.size, sha256 } });
      return row;
    });
  } catch (e) {
    // Nothing half-written: the bytes go when the record does not come.
    fs.rmSync(target, { force: true });
    throw e;
  }
}

export function listAttachments(actor: Actor | null, nominationId: number): AttachmentDTO[] {
  getNomination(actor, nominationId);
  return getDb()
    .select({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.nominationId, nominationId))
    .orderBy(asc(attachments.id))
    .all();
}

/** The stored file for a download, or not_found when the actor may not see its nomination. */
export function getAttachment(actor: Actor | null, attachmentId: number): { fileName: string; mimeType: string; size: number; file: string } {
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) throw new DomainError('not_found');
  const row = getDb().select().from(attachments).where(and(eq(attachments.id, attachmentId))).get();
  if (!row) throw new DomainError('not_found');
  getNomination(actor, row.nominationId);
  return { fileName: row.fileName, mimeType: row.mimeType, size: row.size, file: path.join(uploadsDir(), row.storageKey) };
}
