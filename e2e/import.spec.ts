// Import: a file with mistakes is previewed with every bad row; the corrected file is confirmed and
// its people are there to nominate.
import { expect, test } from '@playwright/test';
import { storageStateOf } from './pages/login-page';

test.use({ storageState: storageStateOf('officer') });

const stamp = Date.now().toString(36);
const HEADER = 'Họ và tên,Giới tính,Năm sinh,Chức vụ,Đơn vị,Đảng viên';
const good = [`Phan Thị Nhập ${stamp},Nữ,1988,Tổ trưởng tổ dân phố,Khu phố 2,Có`, `Võ Văn Nhập ${stamp},Nam,1975,Trưởng khu phố,Phường Tân Phong,Không`];
const csv = (lines: string[]) => ({ name: 'ca-nhan.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + [HEADER, ...lines].join('\r\n')) });

test('preview shows every bad row; the corrected file imports after confirmation', async ({ page }) => {
  await page.goto('/manage/import');
  await expect(page.getByRole('heading', { name: 'Nhập dữ liệu từ Excel/CSV' })).toBeVisible();
  const template = await page.request.get('/api/templates/individuals');
  expect(await template.text()).toContain(HEADER);

  await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Cá nhân' });
  await page.getByLabel('Tệp XLSX hoặc CSV (tối đa 20 MB)').setInputFiles(csv([good[0], `Sai Năm ${stamp},Nữ,19x8,,Khu phố 2,Có`, `Sai Đơn Vị ${stamp},Nam,1970,,Phường Tân Hưng,Không`]));
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(page.getByRole('heading', { name: '2 lỗi cần sửa trước khi nhập' })).toBeVisible();
  await expect(errors.getByRole('row', { name: /3 Năm sinh 19x8 năm sinh không hợp lệ/ })).toBeVisible();
  await expect(errors.getByRole('row', { name: /4 Đơn vị Phường Tân Hưng không tìm thấy đơn vị trong phạm vi của bạn/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Xác nhận nhập' })).toHaveCount(0);

  // A file that is not a spreadsheet gets a message, not a crash.
  await page.getByLabel('Tệp XLSX hoặc CSV (tối đa 20 MB)').setInputFiles({ name: 'ca-nhan.xlsx', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 fake') });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Tệp không phải là bảng tính XLSX hoặc CSV.' })).toBeVisible();

  await page.getByLabel('Tệp XLSX hoặc CSV (tối đa 20 MB)').setInputFiles(csv(good));
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByText('Tệp hợp lệ: 2 dòng sẵn sàng để nhập.')).toBeVisible();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByTestId('import-done')).toHaveText('Đã nhập 2 dòng.');

  await page.goto('/manage/nominations/new');
  await page.getByRole('radio', { name: 'Chọn trong danh sách đã có' }).check();
  await page.getByLabel('Tìm theo tên').fill(`nhap ${stamp}`);
  const picker = page.getByLabel('Kết quả tìm');
  await expect(picker.getByRole('option', { name: new RegExp(`Phan Thị Nhập ${stamp}`) })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: new RegExp(`Võ Văn Nhập ${stamp}`) })).toHaveCount(1);
});
