// The reviewer's queue: filter, select, and act on several nominations at once, after confirming.
import { expect, test } from '@playwright/test';
import { storageStateOf } from './pages/login-page';

test.use({ storageState: storageStateOf('reviewer') });

test('bulk check of the selected submitted nominations, with a confirmation', async ({ page }) => {
  await page.goto('/manage/nominations?status=submitted');
  const rows = page.locator('tbody tr').filter({ hasText: 'Tân Quy' });
  const names = await rows.getByRole('link').allTextContents();
  expect(names.length).toBeGreaterThan(0);

  // Returning without a reason is refused and changes nothing.
  for (const name of names) await page.getByRole('checkbox', { name: `Chọn ${name}` }).check();
  await page.getByRole('radio', { name: 'Trả lại (nhập lý do)' }).check();
  let confirmed = '';
  page.once('dialog', (d) => {
    confirmed = d.message();
    void d.accept();
  });
  await page.getByRole('button', { name: 'Áp dụng cho các đề nghị đã chọn' }).click();
  // The refusal names the field at fault (it first reads "Dữ liệu không hợp lệ." until the field is found).
  await expect(page.locator('form').getByRole('alert')).toHaveText('Kiểm tra lại ô “Lý do trả lại (khi trả lại)”: giá trị chưa hợp lệ.');
  expect(confirmed).toBe('Áp dụng thao tác cho tất cả đề nghị đã chọn?');

  // Dismissing the confirmation sends nothing.
  await page.getByRole('radio', { name: 'Đánh dấu đã thẩm định' }).check();
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Áp dụng cho các đề nghị đã chọn' }).click();
  await page.goto('/manage/nominations?status=submitted');
  for (const name of names) await expect(page.getByRole('link', { name })).toBeVisible();

  for (const name of names) await page.getByRole('checkbox', { name: `Chọn ${name}` }).check();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Áp dụng cho các đề nghị đã chọn' }).click();
  await expect(page.locator('form').getByRole('status')).toHaveText('Đã cập nhật.');
  await page.goto('/manage/nominations?status=checked');
  for (const name of names) await expect(page.getByRole('link', { name })).toBeVisible();
});

test('the queue filters by unit and kind, and keeps the filters across pages', async ({ page }) => {
  await page.goto('/manage/nominations');
  await page.getByLabel('Đơn vị đề nghị').selectOption({ label: 'Phường Tân Hưng' });
  await page.getByLabel('Loại').selectOption({ label: 'Tập thể' });
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/unit=\d+/);
  const units = await page.locator('tbody tr td:nth-child(3)').allTextContents();
  const kinds = await page.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(units.length).toBeGreaterThan(0);
  expect(new Set(units)).toEqual(new Set(['Phường Tân Hưng']));
  expect(new Set(kinds)).toEqual(new Set(['Tập thể']));
});

test('a staff page asks the server for nothing it was not asked for: no prefetch of the links in view', async ({ page }) => {
  const prefetches: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['next-router-prefetch']) prefetches.push(r.url());
  });
  await page.goto('/manage/nominations?status=submitted');
  const first = page.locator('tbody').getByRole('link').first();
  await expect(first).toBeVisible();
  await page.waitForLoadState('networkidle');
  await first.hover();
  await page.waitForLoadState('networkidle');
  expect(prefetches).toEqual([]);
  // Following a link is still the client router's navigation: one payload fetched on the click.
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/manage\/nominations\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  expect(prefetches).toEqual([]);
});
