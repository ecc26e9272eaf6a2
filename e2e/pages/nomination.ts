// Page object: an officer's new nomination, saved as a draft (with an attachment for individuals) and submitted.
import { expect, type Page } from '@playwright/test';

export async function nominate(page: Page, round: string, kind: 'Cá nhân' | 'Tập thể', name: string): Promise<string> {
  await page.goto('/manage/nominations/new');
  await page.getByLabel('Đợt khen thưởng').selectOption({ label: round });
  await page.getByLabel('Đơn vị đề nghị').selectOption({ label: 'Phường Tân Phong' });
  await page.getByRole('radio', { name: kind }).check();
  await page.getByLabel('Họ tên / tên tập thể (khi tạo mới)').fill(name);
  if (kind === 'Cá nhân') await page.getByLabel('Chức vụ').fill('Tổ trưởng tổ dân phố');
  await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Tích cực vận động nhân dân giữ gìn vệ sinh, xây dựng khu phố văn minh.');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page).toHaveURL(/\/manage\/nominations\/\d+$/);
  await expect(page.getByTestId('nomination-status')).toHaveText('Bản nháp');
  if (kind === 'Cá nhân') {
    // Attachments are recognised by their bytes: a text file named .pdf is refused, a real PDF kept.
    const file = page.getByLabel('Chọn tệp (PDF, DOCX, JPEG, PNG; tối đa 10 MB)');
    await file.setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await page.getByRole('button', { name: 'Tải tệp lên' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Tệp phải là PDF, DOCX, JPEG hoặc PNG và không quá 10 MB.');
    await file.setInputFiles({ name: 'Biên bản họp xét.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await page.getByRole('button', { name: 'Tải tệp lên' }).click();
    await expect(page.getByTestId('attachments').getByRole('link', { name: 'Biên bản họp xét.pdf', exact: true })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(page.getByTestId('nomination-status')).toHaveText('Đã gửi');
  return new URL(page.url()).pathname;
}
