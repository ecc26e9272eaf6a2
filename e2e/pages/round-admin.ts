// Page object: the admin's round screens (create, move, decide).
import { expect, type Browser, type Page } from '@playwright/test';
import { storageStateOf, type DemoUser } from './login-page';

export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

/** A page signed in as `user` that accepts every confirmation dialog. */
export async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  return page;
}

export async function createRound(page: Page, opts: { title: string; criteria?: string; consultation?: boolean; awardForm?: string; period?: string }): Promise<string> {
  await page.goto('/manage/rounds/new');
  await page.getByLabel('Tên đợt').fill(opts.title);
  await page.getByLabel('Giai đoạn').fill(opts.period ?? '2026');
  if (opts.awardForm) await page.getByLabel('Hình thức khen thưởng').fill(opts.awardForm);
  await page.getByLabel('Cấp khen (thẩm quyền)').fill('Chủ tịch UBND Quận 7');
  if (opts.criteria) await page.getByLabel('Tiêu chuẩn').fill(opts.criteria);
  await page.getByLabel('Bắt đầu nhận đề nghị').fill(day(-1));
  await page.getByLabel('Hạn nhận đề nghị').fill(day(30));
  await page.getByLabel('Chỉ tiêu tập thể').fill('5');
  await page.getByLabel('Chỉ tiêu cá nhân').fill('5');
  if (opts.consultation) await page.getByLabel('Lấy ý kiến nhân dân (công khai danh sách)').check();
  await page.getByRole('button', { name: 'Lưu đợt (bản nháp)' }).click();
  await expect(page).toHaveURL(/\/manage\/rounds\/\d+$/);
  return new URL(page.url()).pathname;
}

export async function moveRound(page: Page, roundUrl: string, label: string) {
  await page.goto(roundUrl);
  await page.getByRole('button', { name: `Chuyển sang “${label}”` }).click();
  await expect(page.getByTestId('round-status')).toHaveText(`Trạng thái: ${label}`);
}
