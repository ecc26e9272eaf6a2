// Page object: an officer's new nomination on the one form — the kind first, a new nominee, the summary and
// (for individuals) the dossier's file chosen on the same form — saved and sent in one step.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

export const NOMINEE_UNIT = 'Đơn vị công tác của người/tập thể được đề nghị';

/** A file on disk, in the test's output folder: a large buffer sent over the browser protocol takes seconds
 * (an 11 MB one, 7 s on two cores); a path is read by the browser itself. */
export function onDisk(name: string, content: Buffer): string {
  const dir = test.info().outputPath(`f${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}

export async function nominate(page: Page, round: string, kind: 'Cá nhân' | 'Tập thể', name: string): Promise<string> {
  await page.goto('/manage/nominations/new');
  await page.getByLabel('Đợt khen thưởng').selectOption({ label: round });
  await page.getByRole('radio', { name: kind }).check();
  await page.getByLabel(NOMINEE_UNIT).selectOption({ label: 'Phường Tân Phong' });
  await page.getByLabel(kind === 'Cá nhân' ? 'Họ và tên' : 'Tên tập thể', { exact: true }).fill(name);
  if (kind === 'Cá nhân') await page.getByLabel('Chức vụ').fill('Tổ trưởng tổ dân phố');
  const summary = 'Tích cực vận động nhân dân giữ gìn vệ sinh, xây dựng khu phố văn minh.';
  await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill(summary);
  const file = page.getByLabel('Chọn tệp (PDF, DOCX, JPEG, PNG; tối đa 10 MB)');
  if (kind === 'Cá nhân') {
    // Attachments are recognised by their bytes: a text file named .pdf is refused — and nothing typed is lost.
    await file.setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Tệp phải là PDF, DOCX, JPEG hoặc PNG và không quá 10 MB.');
    await expect(page).toHaveURL(/\/manage\/nominations\/new$/);
    await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue(name);
    await expect(page.getByRole('textbox', { name: 'Tóm tắt thành tích' })).toHaveValue(summary);
    await file.setInputFiles({ name: 'Biên bản họp xét.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  }
  await page.getByRole('button', { name: 'Lưu và gửi đề nghị' }).click();
  await expect(page).toHaveURL(/\/manage\/nominations\/\d+$/);
  await expect(page.getByTestId('nomination-status')).toHaveText('Đã gửi');
  if (kind === 'Cá nhân') await expect(page.getByTestId('attachments').getByRole('link', { name: 'Biên bản họp xét.pdf', exact: true })).toBeVisible();
  return new URL(page.url()).pathname;
}
