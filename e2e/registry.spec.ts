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

test.describe('as admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('merging two records of the same person keeps both histories', async ({ page, request }) => {
    const names = async (slug: string) => ((await (await request.get(`/api/public/rounds/${slug}/awards`)).json()) as Array<{ kind: string; name: string }>).filter((a) => a.kind === 'individual').map((a) => a.name);
    const inA = await names('so-ket-3-nam-ket-luan-01-2021-2024');
    const inB = await names('tong-ket-5-nam-chi-thi-05-2016-2021');
    const keep = inA.find((n) => !inB.includes(n))!;
    const dup = inB.find((n) => !inA.includes(n))!;
    const open = async (name: string) => {
      await page.goto(`/manage/people?q=${encodeURIComponent(fold(name))}`);
      await page.getByTestId('registry').getByRole('link', { name, exact: true }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    };
    await open(dup);
    const dupId = (await page.getByTestId('record-id').textContent())!.replace('ID ', '');
    await open(keep);
    await page.locator('summary', { hasText: 'Gộp bản ghi trùng vào đây' }).click();
    await page.getByLabel('ID của bản ghi trùng').fill(dupId);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Gộp bản ghi trùng vào đây' }).click();
    await expect(page.locator('form').getByRole('status').last()).toHaveText('Đã lưu.');
    await page.reload();
    await expect(page.getByTestId('history')).toContainText('Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)');
    await expect(page.getByTestId('history')).toContainText('Tổng kết 5 năm thực hiện Chỉ thị 05-CT/TW (2016–2021)');
  });
});
