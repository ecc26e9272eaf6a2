// The public honour roll of 2021–2024 and its JSON twin.
import { expect, test } from '@playwright/test';

const SLUG = 'so-ket-3-nam-ket-luan-01-2021-2024';

test('the home page lists published rounds with their counts', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Vinh Danh/);
  const link = page.getByRole('link', { name: 'Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)' });
  await expect(link).toBeVisible();
  await expect(page.getByText('70 tập thể · 78 cá nhân')).toBeVisible();
  await expect(page.getByRole('link', { name: /Tổng kết 5 năm thực hiện Chỉ thị 05-CT\/TW/ })).toBeVisible();
  // The open round is not public.
  await expect(page.getByText(/năm 2026/)).toHaveCount(0);
});

test('the 2021–2024 roll shows 70 collectives and 78 individuals', async ({ page }) => {
  await page.goto(`/rounds/${SLUG}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)');
  await expect(page.getByText(/Quyết định số 1234\/QĐ-UBND/)).toBeVisible();
  await expect(page.getByText('Cấp khen: Chủ tịch UBND Quận 7')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tập thể (70)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cá nhân (78)' })).toBeVisible();
  await expect(page.getByTestId('collectives-list').getByRole('listitem')).toHaveCount(70);
  await expect(page.getByTestId('individuals-list').getByRole('listitem')).toHaveCount(78);
});

test('the roll reads well at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/rounds/${SLUG}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the roll is in English under /en with lang="en"', async ({ page }) => {
  await page.goto(`/en/rounds/${SLUG}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Collectives (70)' })).toBeVisible();
  await expect(page.getByText(/Decision No\. 1234\/QĐ-UBND/)).toBeVisible();
});

test('the public JSON API gives rounds and awards', async ({ request }) => {
  const rounds = await (await request.get('/api/public/rounds')).json();
  const round = rounds.find((r: { slug: string }) => r.slug === SLUG);
  expect(round).toMatchObject({
    title: 'Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)',
    period: '2021–2024',
    authority: 'Chủ tịch UBND Quận 7',
    decisionNumber: '1234/QĐ-UBND',
    decisionDate: '2024-05-24',
    collectives: 70,
    individuals: 78,
  });
  expect(rounds.every((r: { slug: string }) => r.slug !== 'hoc-tap-lam-theo-bac-2026')).toBe(true);
  const awards = await (await request.get(`/api/public/rounds/${SLUG}/awards`)).json();
  expect(awards).toHaveLength(148);
  expect(awards.filter((a: { kind: string }) => a.kind === 'collective')).toHaveLength(70);
  const person = awards.find((a: { kind: string }) => a.kind === 'individual');
  expect(Object.keys(person).sort()).toEqual(['id', 'kind', 'name', 'position', 'unit']);
});

test('unknown slugs give 404, never 500', async ({ page, request }) => {
  const res = await page.goto('/rounds/khong-ton-tai');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
  expect((await request.get('/api/public/rounds/khong-ton-tai/awards')).status()).toBe(404);
  expect((await request.get('/rounds/hoc-tap-lam-theo-bac-2026')).status()).toBe(404);
  expect((await request.get(`/rounds/${'x'.repeat(5000)}`)).status()).toBe(404);
});

test('health answers ok after checking the database', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});

test('robots.txt keeps staff pages out; sitemap.xml lists the published rolls', async ({ request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Disallow: /manage');
  expect(robots).toContain('Disallow: /login');
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain(`/rounds/${SLUG}</loc>`);
  expect(sitemap).toContain(`/en/rounds/${SLUG}`);
  expect(sitemap).not.toContain('hoc-tap-lam-theo-bac-2026');
});
