// A round's story: a short account of its ceremony and its photos. Admins write the account and upload
// photos (JPEG or PNG, recognised by their bytes), which are resized here with sharp into WebP widths for
// srcset and one 1200×630 JPEG for Open Graph, stored under data/uploads/round-photos by the SHA-256 of
// the original (content-hashed, so the URLs are cacheable for good) and shown only once the round is published.
import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, count, eq } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { getDb } from '@/db/client';
import { roundPhotos, rounds } from '@/db/tables';
import { sniffType, uploadsDir } from '@/lib/attachments';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { memoUntilWrite } from '@/lib/memo';
import { roundRefusal, type Actor } from '@/lib/policy';
import { cleanLines } from '@/lib/text';
import { write } from '@/lib/workflow';
import { first } from '@/db/query';

export const MAX_STORY_LENGTH = 2000;
export const MAX_ALT_LENGTH = 300;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS_PER_ROUND = 12;
/** The WebP widths a photo is stored in (never wider than the original). */
export const PHOTO_WIDTHS = [480, 960, 1600] as const;
export const OG_SIZE = { width: 1200, height: 630 } as const;
/** Decoding bound: a 50-megapixel image is far beyond any camera's ceremony photo. */
const MAX_INPUT_PIXELS = 50_000_000;

/** Where the resized variants live; names are `<sha256>-<width>.webp` and `<sha256>-og.jpg`. */
export function photosDir(): string {
  return path.join(uploadsDir(), 'round-photos');
}

/** The public URL of a stored variant (served by /api/public/round-photos/[file]). */
export function photoUrl(sha256: string, variant: number | 'og'): string {
  return `/api/public/round-photos/${sha256}-${variant}.${variant === 'og' ? 'jpg' : 'webp'}`;
}

const FILE_NAME = /^([a-f0-9]{64})-(\d{2,4}|og)\.(webp|jpg)$/;

function refuse(actor: Actor | null): asserts actor is Actor {
  const refusal = roundRefusal(actor, 'edit');
  if (refusal || !actor) throw new DomainError(refusal ?? 'forbidden');
}

async function audit(tx: Parameters<Parameters<typeof write>[0]>[0], actor: Actor, action: string, roundId: number, before: unknown, after: unknown) {
  await appendAudit(tx, { actorId: actor.id, action, entityType: 'round', entityId: roundId, before, after });
}

/** Sets the round's account (NFC, lines kept); an empty text removes it. Any status: a story is told after the ceremony. */
export async function setRoundStory(actor: Actor | null, roundId: number, story: string, now = new Date()): Promise<void> {
  refuse(actor);
  const text = cleanLines(story);
  if (text.length > MAX_STORY_LENGTH) throw new DomainError('invalid_input', { field: 'story' });
  await write(async (tx) => {
    const r = await first(tx.select({ story: rounds.story }).from(rounds).where(eq(rounds.id, roundId)));
    if (!r) throw new DomainError('not_found');
    await tx.update(rounds).set({ story: text || null, updatedAt: now }).where(eq(rounds.id, roundId));
    await audit(tx, actor, 'round.story', roundId, { story: r.story }, { story: text || null });
  });
}

export type StaffRoundPhoto = { id: number; alt: string; src: string; width: number; height: number };

/** The round's account and photos for its admin page. */
export async function getRoundStoryForAdmin(actor: Actor | null, roundId: number): Promise<{ story: string; photos: StaffRoundPhoto[]; }> {
  refuse(actor);
  const db = getDb();
  const r = await first(db.select({ story: rounds.story }).from(rounds).where(eq(rounds.id, roundId)));
  if (!r) throw new DomainError('not_found');
  const photos = await db
    .select({ id: roundPhotos.id, alt: roundPhotos.alt, sha256: roundPhotos.sha256, width: roundPhotos.width, height: roundPhotos.height, widths: roundPhotos.widths })
    .from(roundPhotos)
    .where(eq(roundPhotos.roundId, roundId))
    .orderBy(asc(roundPhotos.id));
  return {
    story: r.story ?? '',
    photos: photos.map((p) => ({ id: p.id, alt: p.alt, width: p.width, height: p.height, src: photoUrl(p.sha256, Number(p.widths.split(',')[0])) })),
  };
}

type Variants = { width: number; height: number; widths: number[]; files: Array<{ name: string; bytes: Buffer }> };

/** The stored variants of an image: WebP at each width up to the original's, and the Open Graph JPEG. Metadata (EXIF, GPS) is dropped. */
export async function resizePhoto(bytes: Uint8Array, sha256: string): Promise<Variants> {
  let meta: Metadata;
  try {
    // rotate() applies the EXIF orientation, so width and height are those the viewer sees.
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().metadata();
  } catch {
    throw new DomainError('invalid_file', { reason: 'image' });
  }
  const swap = (meta.orientation ?? 1) >= 5;
  const fullWidth = (swap ? meta.height : meta.width) ?? 0;
  const fullHeight = (swap ? meta.width : meta.height) ?? 0;
  if (!fullWidth || !fullHeight) throw new DomainError('invalid_file', { reason: 'image' });
  const widths: number[] = PHOTO_WIDTHS.filter((w) => w < fullWidth);
  if (widths.length < PHOTO_WIDTHS.length) widths.push(Math.min(fullWidth, PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1]));
  const files: Variants['files'] = [];
  try {
    for (const w of widths) {
      const out = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: w, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
      files.push({ name: `${sha256}-${w}.webp`, bytes: out });
    }
    const og = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ ...OG_SIZE, fit: 'cover', position: 'attention' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
    files.push({ name: `${sha256}-og.jpg`, bytes: og });
  } catch {
    throw new DomainError('invalid_file', { reason: 'image' });
  }
  const largest = widths[widths.length - 1];
  return { width: largest, height: Math.round((fullHeight * largest) / fullWidth), widths, files };
}

/** Adds a ceremony photo to a round: checked, resized, stored, recorded and audited in one transaction. */
export async function addRoundPhoto(actor: Actor | null, roundId: number, input: { bytes: Uint8Array; alt: string }, now = new Date()): Promise<{ id: number }> {
  refuse(actor);
  const alt = cleanLines(input.alt).replace(/\s+/g, ' ');
  if (!alt || alt.length > MAX_ALT_LENGTH) throw new DomainError('invalid_input', { field: 'alt' });
  if (input.bytes.byteLength === 0 || input.bytes.byteLength > MAX_PHOTO_BYTES) throw new DomainError('invalid_file', { reason: 'size' });
  const type = sniffType(input.bytes);
  if (type !== 'image/jpeg' && type !== 'image/png') throw new DomainError('invalid_file', { reason: 'type' });
  // Refuse early what the transaction would refuse anyway, before spending a second on resizing.
  if (!(await first(getDb().select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId))))) throw new DomainError('not_found');
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const v = await resizePhoto(input.bytes, sha256);
  const dir = photosDir();
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const f of v.files) {
    const target = path.join(dir, f.name);
    // Same name, same content: a photo already stored (in another round) is not written again.
    if (fs.existsSync(target)) continue;
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.bytes, { mode: 0o644 });
    fs.renameSync(tmp, target);
    written.push(target);
  }
  try {
    // Awaited here, so a rolled-back transaction reaches the catch below and its files go.
    return await write(async (tx) => {
      const r = await first(tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)));
      if (!r) throw new DomainError('not_found');
      const n = (await first(tx.select({ n: count() }).from(roundPhotos).where(eq(roundPhotos.roundId, roundId))))!.n;
      if (n >= MAX_PHOTOS_PER_ROUND) throw new DomainError('invalid_input', { field: 'photos' });
      if ((await first(tx.select({ id: roundPhotos.id }).from(roundPhotos).where(and(eq(roundPhotos.roundId, roundId), eq(roundPhotos.sha256, sha256)))))) {
        throw new DomainError('conflict', { field: 'photo' });
      }
      const row = (await first(tx
        .insert(roundPhotos)
        .values({ roundId, sha256, alt, width: v.width, height: v.height, widths: v.widths.join(','), uploadedBy: actor.id, createdAt: now })
        .returning({ id: roundPhotos.id })))!;
      await audit(tx, actor, 'round.photo.add', roundId, null, { photoId: row.id, sha256, alt, width: v.width, height: v.height, bytes: input.bytes.byteLength });
      return row;
    });
  } catch (e) {
    // Nothing half-written: files this call created go when the record does not come.
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
}

/** Removes a photo from its round (audited); its files go when no other round shows the same photo. */
export async function removeRoundPhoto(actor: Actor | null, roundId: number, photoId: number): Promise<void> {
  refuse(actor);
  const removed = await write(async (tx) => {
    const p = await first(tx.select().from(roundPhotos).where(and(eq(roundPhotos.id, photoId), eq(roundPhotos.roundId, roundId))));
    if (!p) throw new DomainError('not_found');
    await tx.delete(roundPhotos).where(eq(roundPhotos.id, photoId));
    await audit(tx, actor, 'round.photo.remove', roundId, { photoId, sha256: p.sha256, alt: p.alt }, null);
    const shared = await first(tx.select({ id: roundPhotos.id }).from(roundPhotos).where(eq(roundPhotos.sha256, p.sha256)));
    return shared ? null : p;
  });
  if (!removed) return;
  for (const w of removed.widths.split(',')) fs.rmSync(path.join(photosDir(), `${removed.sha256}-${w}.webp`), { force: true });
  fs.rmSync(path.join(photosDir(), `${removed.sha256}-og.jpg`), { force: true });
}

export type PublicRoundPhoto = { alt: string; src: string; srcSet: string; width: number; height: number; og: string };
export type PublicRoundStory = { story: string | null; photos: PublicRoundPhoto[] };

/** The story of a published round (null for any other slug): public data only. */
export async function getPublicRoundStory(slug: string): Promise<PublicRoundStory | null> {
  if (slug.length > 200) return null;
  return memoUntilWrite(`public:round-story:${slug}`, async () => {
    const db = getDb();
    const r = await first(db
      .select({ id: rounds.id, story: rounds.story })
      .from(rounds)
      .where(and(eq(rounds.slug, slug), eq(rounds.status, 'published'))));
    if (!r) return null;
    const photos = await db
      .select({ alt: roundPhotos.alt, sha256: roundPhotos.sha256, width: roundPhotos.width, height: roundPhotos.height, widths: roundPhotos.widths })
      .from(roundPhotos)
      .where(eq(roundPhotos.roundId, r.id))
      .orderBy(asc(roundPhotos.id));
    return {
      story: r.story,
      photos: photos.map((p) => {
        const widths = p.widths.split(',').map(Number);
        return {
          alt: p.alt,
          width: p.width,
          height: p.height,
          src: photoUrl(p.sha256, widths[Math.min(1, widths.length - 1)]),
          srcSet: widths.map((w) => `${photoUrl(p.sha256, w)} ${w}w`).join(', '),
          og: photoUrl(p.sha256, 'og'),
        };
      }),
    };
  });
}

/**
 * The file behind a public photo URL, or null: the name must be a stored variant of a photo of a
 * published round — an unpublished round's photos, and any other file, are not served.
 */
export async function publicPhotoFile(name: string): Promise<{ file: string; type: 'image/webp' | 'image/jpeg'; } | null> {
  const m = FILE_NAME.exec(name);
  if (!m) return null;
  const [, sha256, variant, ext] = m;
  if ((variant === 'og') !== (ext === 'jpg')) return null;
  const rows = await getDb()
    .select({ widths: roundPhotos.widths })
    .from(roundPhotos)
    .innerJoin(rounds, eq(rounds.id, roundPhotos.roundId))
    .where(and(eq(roundPhotos.sha256, sha256), eq(rounds.status, 'published')));
  if (!rows.length) return null;
  if (variant !== 'og' && !rows.some((r) => r.widths.split(',').includes(variant))) return null;
  const file = path.join(photosDir(), name);
  return fs.existsSync(file) ? { file, type: ext === 'jpg' ? 'image/jpeg' : 'image/webp' } : null;
}
