// The round's story (issue 15, item 7): an admin writes the account and uploads a ceremony photo on the
// staff round page (alt text required, refusals keep what was typed); the public round page shows them with
// responsive images and an Open Graph preview; the photo is served with long cache headers; then removed.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { pageAs } from './pages/round-admin';

const SLUG = 'so-ket-3-nam-ket-luan-01-2021-2024';
const STORY = 'Sáng 22/5, tại Hội trường UBND Quận 7, lãnh đạo quận trao Giấy khen cho 70 tập thể và 78 cá nhân.';
const ALT = 'Chủ tịch UBND Quận 7 trao Giấy khen cho đại diện các tập thể';

async function openAdminRound(page: Page) {
  await page.goto(`/rounds/${SLUG}`);
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await page.goto('/manage/rounds');
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { name: 'Câu chuyện của đợt' })).toBeVisible();
}

test('an admin tells the round\'s story with a photo; the public page shows it; the photo is cacheable', async ({ browser, request }) => {
  // Three image uploads (each resized to four sizes) and an axe run: a busy 2-core machine needs more than 90 s.
  test.setTimeout(180_000);
  const page = await pageAs(browser, 'admin');
  await openAdminRound(page);

  // The account.
  await page.getByLabel('Tường thuật').fill(STORY);
  await page.getByRole('button', { name: 'Lưu tường thuật' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu tường thuật.' })).toBeVisible();

  // A description of blanks is refused next to its field; what was typed stays.
  const png = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#b91c1c' } }).png().toBuffer();
  const file = page.getByLabel('Ảnh (JPEG hoặc PNG, tối đa 10 MB)');
  await file.setInputFiles({ name: 'le-trao-tang.png', mimeType: 'image/png', buffer: png });
  await page.getByLabel('Mô tả ảnh cho người không xem được ảnh').fill('   ');
  await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Hãy mô tả ảnh' })).toBeVisible();
  await expect(page.getByLabel('Mô tả ảnh cho người không xem được ảnh')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Tường thuật')).toHaveValue(STORY);

  // A file that is not an image is refused.
  await file.setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from('<script>alert(1)</script>') });
  await page.getByLabel('Mô tả ảnh cho người không xem được ảnh').fill(ALT);
  await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Ảnh phải là JPEG hoặc PNG' })).toBeVisible();
  await expect(page.getByLabel('Mô tả ảnh cho người không xem được ảnh')).toHaveValue(ALT);

  // The photo with its description.
  await file.setInputFiles({ name: 'le-trao-tang.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã thêm ảnh.' })).toBeVisible();
  await expect(page.getByTestId('round-photos').getByRole('img', { name: ALT })).toBeVisible();

  // The public page, signed out.
  const pub = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
  await pub.goto(`/rounds/${SLUG}`);
  const story = pub.getByTestId('round-story');
  await expect(story.getByRole('heading', { name: 'Lễ trao tặng' })).toBeVisible();
  await expect(story).toContainText(STORY);
  const img = story.getByRole('img', { name: ALT });
  await expect(img).toHaveAttribute('loading', 'lazy');
  await expect(img).toHaveAttribute('width', '1600');
  await expect(img).toHaveAttribute('height', '1067');
  await expect(img).toHaveAttribute('sizes', /100vw/);
  const srcset = (await img.getAttribute('srcset'))!;
  expect(srcset).toMatch(/^\/api\/public\/round-photos\/[a-f0-9]{64}-480\.webp 480w, \S+-960\.webp 960w, \S+-1600\.webp 1600w$/);
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  // The story fits a phone and passes axe.
  expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const { violations } = await new AxeBuilder({ page: pub }).include('[data-testid="round-story"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations).toEqual([]);

  // Open Graph: an absolute 1200×630 JPEG with its alt text.
  const og = (await pub.locator('meta[property="og:image"]').getAttribute('content'))!;
  expect(og).toMatch(/^https?:\/\/[^/]+\/api\/public\/round-photos\/[a-f0-9]{64}-og\.jpg$/);
  await expect(pub.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200');
  await expect(pub.locator('meta[property="og:image:alt"]')).toHaveAttribute('content', ALT);

  // Served with long cache headers under its content hash; other names are not found.
  const res = await request.get(new URL(og).pathname);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/jpeg');
  expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const webp = await request.get(srcset.split(' ')[0]);
  expect(webp.headers()['content-type']).toBe('image/webp');
  expect((await sharp(await webp.body()).metadata()).width).toBe(480);
  expect((await request.get(`/api/public/round-photos/${'0'.repeat(64)}-480.webp`)).status()).toBe(404);
  expect((await request.get('/api/public/round-photos/..%2F..%2Fe2e.db')).status()).toBe(404);

  // Removed (after a confirmation) and the account cleared: the public page no longer shows them.
  await page.getByRole('button', { name: 'Gỡ ảnh' }).click();
  await expect(page.getByText('Chưa có ảnh.')).toBeVisible();
  await page.getByLabel('Tường thuật').fill('');
  await page.getByRole('button', { name: 'Lưu tường thuật' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu tường thuật.' })).toBeVisible();
  await pub.goto(`/rounds/${SLUG}`);
  await expect(pub.getByTestId('round-story')).toHaveCount(0);
  expect((await request.get(new URL(og).pathname)).status()).toBe(404);
  await pub.close();
  await page.context().close();
});
