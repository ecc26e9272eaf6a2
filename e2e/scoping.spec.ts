// Officers see only their unit's subtree; the office sees everything.
import { expect, test } from '@playwright/test';
import { storageStateOf } from './pages/login-page';

test.describe('officer of Tân Phong', () => {
  test.use({ storageState: storageStateOf('officer') });
  test('sees only nominations from Tân Phong', async ({ page }) => {
    await page.goto('/manage/nominations');
    const rows = page.getByRole('row');
    await expect(rows.nth(1)).toBeVisible();
    const units = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(u).not.toMatch(/Tân Hưng/);
  });
});

test.describe('officer2 of Tân Hưng', () => {
  test.use({ storageState: storageStateOf('officer2') });
  test('gets not found for a Tân Phong nomination', async ({ page, browser }) => {
    // Find a Tân Phong nomination id as the reviewer, who sees all.
    const reviewer = await browser.newContext({ storageState: storageStateOf('reviewer') });
    const rp = await reviewer.newPage();
    await rp.goto('/manage/nominations?status=submitted');
    const href = await rp.locator('tbody tr', { hasText: 'Tân Phong' }).first().getByRole('link').first().getAttribute('href');
    await reviewer.close();
    expect(href).toMatch(/\/manage\/nominations\/\d+$/);
    const res = await page.goto(href!);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
  });
});
