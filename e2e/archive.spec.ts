// Recording a paper decision: a pasted list with a bad row is refused row by row; a 200-row XLSX
// holding two near-duplicates of registered people offers a choice for both; the decision is recorded,
// published, and shows on the public roll (marked as from the archive) and in /api/public/rounds.
import { expect, test, type Page } from '@playwright/test';
import { archiveWorkbook } from '../tests/archive-sheet';
import { day, pageAs as as } from './pages/round-admin';

const stamp = Date.now().toString(36);
const TITLE = `Khen thưởng phong trào khuyến học 2018–2019 (${stamp})`;

async function fillTerms(page: Page) {
  await page.goto('/manage/rounds');
  await page.getByRole('link', { name: 'Ghi nhận quyết định từ hồ sơ giấy' }).click();
  await page.getByLabel('Tên đợt').fill(TITLE);
  await page.getByLabel('Chủ đề').fill('Khuyến học, khuyến tài');
  await page.getByLabel('Giai đoạn').fill('2018–2019');
  await page.getByLabel('Cấp khen (thẩm quyền)').fill('Chủ tịch UBND Quận 7');
  await page.getByLabel('Hình thức khen thưởng').fill('Giấy khen');
  await page.getByLabel('Số quyết định').fill(`3${stamp}/QĐ-UBND`);
  await page.getByLabel('Ngày ký').fill(day(-2000));
  await page.getByLabel('Người ký', { exact: true }).fill('Lâm Quốc Việt');
}

test('a pasted list with bad rows is refused row by row and nothing is recorded', async ({ browser }) => {
  const page = await as(browser, 'admin');
  await fillTerms(page);
  await page
    .getByLabel(/Hoặc dán danh sách/)
    .fill('Loại\tHọ và tên / Tên tập thể\tĐơn vị\tChức vụ\tGiới tính\tNăm sinh\tĐảng viên\tTóm tắt thành tích\nCá nhân\tNgô Văn Sáu\tPhường Không Có\t\tNam\t1970\tCó\t\n');
  await page.getByRole('button', { name: 'Kiểm tra danh sách' }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors.getByRole('row', { name: /2 Đơn vị Phường Không Có/ })).toBeVisible();
  await expect(page.getByTestId('archive-preview')).toHaveCount(0);
  await page.goto('/manage/rounds');
  await expect(page.getByRole('link', { name: TITLE })).toHaveCount(0);
  await page.context().close();
});

test('200 rows from XLSX: both near-duplicates offered, recorded, published, public', async ({ browser, request }) => {
  // Two people already in the registry (from the archive demo round), as a paper list spells them.
  const archived = await (await request.get('/api/public/rounds/tong-ket-5-nam-chi-thi-05-2016-2021/awards')).json();
  const people = archived.filter((a: { kind: string }) => a.kind === 'individual').slice(-2) as Array<{ name: string; unit: string }>;
  const xlsx = await archiveWorkbook(people);

  const page = await as(browser, 'admin');
  await fillTerms(page);
  await page.getByLabel('Tệp XLSX hoặc CSV').setInputFiles({ name: 'quyet-dinh-2019.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
  const started = Date.now();
  await page.getByRole('button', { name: 'Kiểm tra danh sách' }).click();
  await expect(page.getByTestId('archive-summary')).toHaveText(/^200 dòng: 0 đã có, 2 gần trùng cần chọn, 198 tạo mới\.$/);
  const preview = page.getByTestId('archive-preview');
  await expect(preview.locator('tr[data-match="near"]')).toHaveCount(2);
  for (const p of people) await expect(preview.getByRole('group', { name: /gần trùng với/ }).filter({ hasText: p.name }).first()).toBeVisible();

  // Without an answer for both, nothing is recorded (the form asks for every choice).
  const [first, second] = await preview.getByRole('group', { name: /gần trùng với/ }).all();
  await first.getByRole('radio').first().check();
  await second.getByRole('radio', { name: 'Không phải — tạo mới' }).check();
  await page.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
  await expect(page.getByTestId('archive-recorded')).toContainText('Đã ghi nhận: 200 khen thưởng (1 liên kết với sổ theo dõi, 199 tạo mới).');
  console.log(`archive e2e: 200-row XLSX checked and recorded in ${Date.now() - started} ms`);

  await page.getByRole('link', { name: 'Mở đợt để công bố' }).click();
  await expect(page.getByTestId('round-status')).toHaveText('Trạng thái: Đã quyết định');
  await page.getByRole('button', { name: 'Chuyển sang “Đã công bố”' }).click();
  await expect(page.getByTestId('round-status')).toHaveText('Trạng thái: Đã công bố');

  const rounds = await (await request.get('/api/public/rounds')).json();
  const round = rounds.find((r: { title: string }) => r.title === TITLE);
  expect(round).toMatchObject({ source: 'archive', collectives: 20, individuals: 180 });
  const pub = await browser.newPage();
  await pub.goto(`/rounds/${round.slug}`);
  await expect(pub.getByText('Quyết định được ghi nhận từ hồ sơ giấy.')).toBeVisible();
  await expect(pub.getByText('Chi hội Khuyến học số 1', { exact: true })).toBeVisible();

  await page.goto('/manage/audit?action=round.archive_recorded');
  await expect(page.getByTestId('audit-table').getByText('round.archive_recorded', { exact: true }).first()).toBeVisible();
  await pub.close();
  await page.context().close();
});
