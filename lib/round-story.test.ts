// A round's story (issue 15, item 7): admins only, audited, validated (alt text required), photos resized
// into WebP widths and an Open Graph JPEG, served only for published rounds, nothing half-written on refusal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { auditEvents, roundPhotos, rounds, users } from '@/db/tables';
import { DEMO_SLUGS, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, one, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import {
  addRoundPhoto,
  getPublicRoundStory,
  getRoundStoryForAdmin,
  MAX_STORY_LENGTH,
  photosDir,
  publicPhotoFile,
  removeRoundPhoto,
  setRoundStory,
} from './round-story';
import { first } from '@/db/query';

let db: DB;
let published: number;
let open: number;
const actor = async (u: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id))!;
const rowsOf = async (t: typeof auditEvents | typeof roundPhotos) => (await first(db.select({ n: count() }).from(t)))!.n;
const lastAudit = async () => (await first(db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1)))!;
const files = () => (fs.existsSync(photosDir()) ? fs.readdirSync(photosDir()).sort() : []);
const photo = (width: number, height: number, format: 'jpeg' | 'png' = 'jpeg', colour = '#b91c1c') =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    [format]()
    .toBuffer()
    .then((b) => new Uint8Array(b));

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-photos-'));
  published = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.published))))!.id;
  open = (await first(db.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, DEMO_SLUGS.open))))!.id;
});

describe('the account', () => {
  it('an admin writes it (NFC, audited) and the public page of a published round shows it', async () => {
    await setRoundStory(await actor('admin'), published, '  Lễ trao tặng diễn ra sáng 22/5 tại Hội trường UBND Quận 7.\r\n\r\nCa\u0301c đơn vị ...  ');
    expect((await getPublicRoundStory(DEMO_SLUGS.published))!.story).toBe('Lễ trao tặng diễn ra sáng 22/5 tại Hội trường UBND Quận 7.\n\nCác đơn vị ...');
    expect(await lastAudit()).toMatchObject({ action: 'round.story', entityType: 'round', entityId: published });
    expect((await getRoundStoryForAdmin(await actor('admin'), published)).story).toContain('Hội trường');
  });

  it('a round that is not published has no public story', async () => {
    await setRoundStory(await actor('admin'), open, 'Chưa công bố');
    expect(await getPublicRoundStory(DEMO_SLUGS.open)).toBeNull();
    expect(await getPublicRoundStory('khong-co')).toBeNull();
  });

  it('an empty text removes it', async () => {
    await setRoundStory(await actor('admin'), open, '   ');
    expect((await first(db.select({ story: rounds.story }).from(rounds).where(eq(rounds.id, open))))!.story).toBeNull();
  });

  it('refuses other roles, unknown rounds and overlong text, changing nothing', async () => {
    const before = (await getPublicRoundStory(DEMO_SLUGS.published))!.story;
    const events = await rowsOf(auditEvents);
    await expect(setRoundStory(await actor('officer'), published, 'x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setRoundStory(await actor('reviewer'), published, 'x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setRoundStory(null, published, 'x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setRoundStory(await actor('admin'), 999_999, 'x')).rejects.toMatchObject({ code: 'not_found' });
    await expect(setRoundStory(await actor('admin'), published, 'x'.repeat(MAX_STORY_LENGTH + 1))).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await getPublicRoundStory(DEMO_SLUGS.published))!.story).toBe(before);
    expect(await rowsOf(auditEvents)).toBe(events);
  });
});

describe('photos', () => {
  let sha: string;

  it('are resized into WebP widths and a 1200×630 JPEG, recorded with their alt text and audited', async () => {
    const original = await photo(2400, 1600);
    const { id } = await addRoundPhoto(await actor('admin'), published, { bytes: original, alt: '  Chủ tịch UBND Quận 7 trao Giấy khen  ' });
    const row = (await first(db.select().from(roundPhotos).where(eq(roundPhotos.id, id))))!;
    sha = row.sha256;
    expect(row).toMatchObject({ alt: 'Chủ tịch UBND Quận 7 trao Giấy khen', width: 1600, height: 1067, widths: '480,960,1600' });
    expect(files()).toEqual([`${sha}-1600.webp`, `${sha}-480.webp`, `${sha}-960.webp`, `${sha}-og.jpg`]);
    for (const w of [480, 960, 1600]) {
      const m = await sharp(path.join(photosDir(), `${sha}-${w}.webp`)).metadata();
      expect([m.format, m.width]).toEqual(['webp', w]);
    }
    const og = await sharp(path.join(photosDir(), `${sha}-og.jpg`)).metadata();
    expect([og.format, og.width, og.height]).toEqual(['jpeg', 1200, 630]);
    expect(await lastAudit()).toMatchObject({ action: 'round.photo.add', entityType: 'round', entityId: published });
  });

  it('the public story lists them with srcset, width and height, and an Open Graph image', async () => {
    const [p] = (await getPublicRoundStory(DEMO_SLUGS.published))!.photos;
    expect(p).toEqual({
      alt: 'Chủ tịch UBND Quận 7 trao Giấy khen',
      width: 1600,
      height: 1067,
      src: `/api/public/round-photos/${sha}-960.webp`,
      srcSet: [480, 960, 1600].map((w) => `/api/public/round-photos/${sha}-${w}.webp ${w}w`).join(', '),
      og: `/api/public/round-photos/${sha}-og.jpg`,
    });
  });

  it('serves the stored variants of a published round only', async () => {
    expect(await publicPhotoFile(`${sha}-960.webp`)).toEqual({ file: path.join(photosDir(), `${sha}-960.webp`), type: 'image/webp' });
    expect(await publicPhotoFile(`${sha}-og.jpg`)).toMatchObject({ type: 'image/jpeg' });
    for (const bad of [`${sha}-961.webp`, `${sha}-og.webp`, `${sha}-960.jpg`, `../${sha}-960.webp`, `${'0'.repeat(64)}-960.webp`, 'passwd', '']) {
      expect((await publicPhotoFile(bad)), bad).toBeNull();
    }
    // A photo of a round that is not published is not served.
    await addRoundPhoto(await actor('admin'), open, { bytes: await photo(800, 600, 'png', '#1d4ed8'), alt: 'Ảnh chưa công bố' });
    const hidden = (await first(db.select().from(roundPhotos).where(eq(roundPhotos.roundId, open))))!;
    expect(hidden.widths).toBe('480,800'); // never enlarged
    expect(await publicPhotoFile(`${hidden.sha256}-480.webp`)).toBeNull();
  });

  it('alt text is required; bad files are refused; nothing is written', async () => {
    const before = files();
    const rows = await rowsOf(roundPhotos);
    const events = await rowsOf(auditEvents);
    const jpeg = await photo(640, 480, 'jpeg', '#15803d');
    await expect(addRoundPhoto(await actor('admin'), published, { bytes: jpeg, alt: '   ' })).rejects.toMatchObject({ code: 'invalid_input', params: { field: 'alt' } });
    await expect(addRoundPhoto(await actor('admin'), published, { bytes: jpeg, alt: 'x'.repeat(301) })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(addRoundPhoto(await actor('officer'), published, { bytes: jpeg, alt: 'Ảnh' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addRoundPhoto(await actor('admin'), 999_999, { bytes: jpeg, alt: 'Ảnh' })).rejects.toMatchObject({ code: 'not_found' });
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    await expect(addRoundPhoto(await actor('admin'), published, { bytes: html, alt: 'Ảnh' })).rejects.toMatchObject({ code: 'invalid_file' });
    const pdf = new TextEncoder().encode('%PDF-1.7 not a photo');
    await expect(addRoundPhoto(await actor('admin'), published, { bytes: pdf, alt: 'Ảnh' })).rejects.toMatchObject({ code: 'invalid_file' });
    // JPEG magic bytes, then garbage: sharp cannot decode it.
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(200).fill(7)]);
    await expect(addRoundPhoto(await actor('admin'), published, { bytes: broken, alt: 'Ảnh' })).rejects.toMatchObject({ code: 'invalid_file' });
    await expect(addRoundPhoto(await actor('admin'), published, { bytes: new Uint8Array(), alt: 'Ảnh' })).rejects.toMatchObject({ code: 'invalid_file' });
    expect(files()).toEqual(before);
    expect(await rowsOf(roundPhotos)).toBe(rows);
    expect(await rowsOf(auditEvents)).toBe(events);
  });

  it('the same photo twice in one round is refused and the stored files stay', async () => {
    const before = files();
    await expect(addRoundPhoto(await actor('admin'), published, { bytes: await photo(2400, 1600), alt: 'Lần nữa' })).rejects.toMatchObject({ code: 'conflict' });
    expect(files()).toEqual(before);
    expect(await publicPhotoFile(`${sha}-960.webp`)).not.toBeNull();
  });

  it('an admin removes a photo (audited); its files go with it', async () => {
    const id = (await first(db.select({ id: roundPhotos.id }).from(roundPhotos).where(eq(roundPhotos.sha256, sha))))!.id;
    await expect(removeRoundPhoto(await actor('approver'), published, id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeRoundPhoto(await actor('admin'), open, id)).rejects.toMatchObject({ code: 'not_found' });
    await removeRoundPhoto(await actor('admin'), published, id);
    expect(await lastAudit()).toMatchObject({ action: 'round.photo.remove', entityId: published });
    expect(files().some((f) => f.startsWith(sha))).toBe(false);
    expect((await getPublicRoundStory(DEMO_SLUGS.published))!.photos).toEqual([]);
    expect(await publicPhotoFile(`${sha}-960.webp`)).toBeNull();
  });
});

describe('public pages follow the photos', () => {
  it('adding or removing a photo moves the public-data version (the cached round page and its og:image change)', async () => {
    const version = async () => (await one<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = 'public_version'`))!.value;
    const before = await version();
    const { id } = await addRoundPhoto(await actor('admin'), published, { bytes: await photo(640, 480, 'jpeg', '#15803d'), alt: 'Ảnh tập thể' });
    const added = await version();
    expect(added).not.toBe(before);
    await removeRoundPhoto(await actor('admin'), published, id);
    expect(await version()).not.toBe(added);
  });
});
