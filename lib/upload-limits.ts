// The documented upload limits (README), in one place for lib/, the forms and next.config.ts.
// No imports: client components and the proxy read it too.

/** A nomination attachment (PDF, DOCX, JPEG, PNG). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** An import or archive list file (XLSX, CSV). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The largest request body: a 20 MB import plus its form's other fields and multipart framing. */
export const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 1024 * 1024;

/** What a dossier's file field offers (lib/attachments.ts checks the bytes, whatever the name says). */
export const ATTACHMENT_ACCEPT = '.pdf,.docx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
