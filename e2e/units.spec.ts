// The unit tree: a rename keeps the old name in the unit's history.
import { expect, test } from '@playwright/test';
import { storageStateOf } from './pages/login-page';

test.use({ storageState: storageStateOf('admin') });

test('admin renames a department; its earlier name stays in its history', async ({ page }) => {
  await page.goto('/manage/units');
  await page.getByTestId('unit-tree').getByRole('link', { name: 'Phòng Y tế', exact: true }).click();
  await page.getByLabel('Tên mới').fill('Phòng Y tế Quận 7');
  await page.getByRole('button', { name: 'Đổi tên' }).click();
  await expect(page.locator('form').getByRole('status').first()).toHaveText('Đã lưu.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phòng Y tế Quận 7');
  const names = page.getByTestId('unit-names');
  await expect(names).toContainText('Phòng Y tế —');
  await expect(names).toContainText('Phòng Y tế Quận 7 —');
  await expect(names).toContainText('nay');
});
