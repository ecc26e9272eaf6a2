// The registry: search without diacritics, and a person's history across rounds.
import { expect, test } from '@playwright/test';
import { storageStateOf } from './pages/login-page';

test.use({ storageState: storageStateOf('reviewer') });

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

test('search by name without diacritics opens the person with their awards', async ({ page, request }) => {
  const awards = await (await request.get('/api/public/rounds/so-ket-3-nam-ket-luan-01-2021-2024/awards')).json();
  const person = awards.find((a: { kind: string; name: string }) => a.kind === 'individual' && /Đ|đ/.test(a.name)) ?? awards.find((a: { kind: string }) => a.kind === 'individual');
  await page.goto('/manage/people');
  await page.getByRole('searchbox', { name: 'Tìm theo tên (không cần dấu)' }).fill(fold(person.name));
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByTestId('registry').getByRole('link', { name: person.name }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.name);
  await expect(page.getByTestId('history')).toContainText('Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)');
  await expect(page.getByTestId('history')).toContainText('1234/QĐ-UBND');
});
