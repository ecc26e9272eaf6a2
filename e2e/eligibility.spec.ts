// Yearly records and eligibility: the office opens a city Bằng khen round; the ward officer nominates
// someone with no records (the panel says which years are missing), imports the records (the dry run names
// the bad row, the corrected file is confirmed), and the nomination then meets the rule with the records
// behind it; a nominee who fails is sent only with an exception reason, which the reviewer's queue shows.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createRound, moveRound, pageAs as as } from './pages/round-admin';
import { NOMINEE_UNIT } from './pages/nomination';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const ROUND = `Bằng khen Thành phố năm 2024 ${stamp}`;
const FORM = 'Bằng khen của Chủ tịch UBND Thành phố';
const MET = `Hồ Thị Đủ ${stamp}`;
const FAILS = `Lý Văn Thiếu ${stamp}`;
const HEADER = 'Loại,Họ và tên / Tên tập thể,Đơn vị,Năm,Loại bản ghi,Nội dung,Số quyết định,Ngày quyết định,Ghi chú';
const csv = (lines: string[]) => ({ name: 'thanh-tich.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + [HEADER, ...lines].join('\r\n')) });
const GOOD = [
  `Cá nhân,${MET},Phường Tân Phong,2023,Xếp loại,HTXSNV,12/QĐ-UBND,20/12/2023,`,
  `Cá nhân,${MET},Phường Tân Phong,2024,Xếp loại,Hoàn thành xuất sắc nhiệm vụ,15/QĐ-UBND,19/12/2024,`,
  `Cá nhân,${MET},Phường Tân Phong,2023,Sáng kiến,Cơ sở,7/QĐ-HĐSK,15/11/2023,Số hóa hồ sơ`,
  `Cá nhân,${MET},Phường Tân Phong,2024,Sáng kiến,Cấp tỉnh,9/QĐ-HĐSK,15/11/2024,`,
  `Cá nhân,${FAILS},Phường Tân Phong,2024,Xếp loại,HTXSNV,15/QĐ-UBND,19/12/2024,`,
];

let metUrl = '';
let failsUrl = '';

async function draft(page: Page, name: string): Promise<string> {
  await page.goto('/manage/nominations/new');
  await page.getByLabel('Đợt khen thưởng').selectOption({ label: ROUND });
  await page.getByRole('radio', { name: 'Cá nhân' }).check();
  await page.getByLabel(NOMINEE_UNIT).selectOption({ label: 'Phường Tân Phong' });
  await page.getByLabel('Họ và tên', { exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Hai năm liền hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận.');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await expect(page).toHaveURL(/\/manage\/nominations\/\d+$/);
  return new URL(page.url()).pathname;
}

test('the office opens a Bằng khen round judging the years up to 2024', async ({ browser }) => {
  const admin = await as(browser, 'admin');
  const url = await createRound(admin, { title: ROUND, criteria: 'Hai năm liền hoàn thành xuất sắc nhiệm vụ và hai sáng kiến.', awardForm: FORM, period: '2023–2024' });
  await moveRound(admin, url, 'Đang nhận đề nghị');
  // The rules are data with their legal basis, marked to verify.
  await admin.goto('/manage/rules');
  const rules = admin.getByTestId('rules');
  await expect(rules.getByRole('row', { name: /Bằng khen của Chủ tịch UBND cấp tỉnh — cá nhân/ }).first()).toContainText('Cần đối chiếu văn bản gốc');
  await admin.context().close();
});

test('a nominee without records: the panel names the missing years', async ({ browser }) => {
  const page = await as(browser, 'officer');
  metUrl = await draft(page, MET);
  const panel = page.getByTestId('eligibility');
  await expect(panel.getByRole('heading', { name: `Tiêu chuẩn khen thưởng: ${FORM}` })).toBeVisible();
  await expect(panel.getByTestId('eligibility-verdict')).toHaveText('Chưa đủ điều kiện: muốn gửi đề nghị phải nêu lý do ngoại lệ.');
  await expect(panel.getByTestId('eligibility-years').first()).toHaveText(/2023: thiếu\s*2024: thiếu/);
  failsUrl = await draft(page, FAILS);
  await page.context().close();
});

test('import yearly records: the dry run names the bad row; the corrected file is confirmed', async ({ browser }) => {
  const page = await as(browser, 'officer');
  await page.goto('/manage/records');
  await expect(page.getByRole('heading', { name: 'Thành tích hằng năm', level: 1 })).toBeVisible();
  const template = await page.request.get('/api/templates/records');
  expect(await template.text()).toContain(HEADER);
  const file = page.getByLabel('Tệp XLSX hoặc CSV (tối đa 20 MB)');
  await file.setInputFiles(csv([...GOOD, `Cá nhân,Người Không Có ${stamp},Phường Tân Phong,2024,Xếp loại,HTXSNV,15/QĐ-UBND,,`]));
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors.getByRole('row', { name: /7 Họ và tên \/ Tên tập thể Người Không Có .* không tìm thấy cá nhân\/tập thể này trong đơn vị/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Xác nhận nhập' })).toHaveCount(0);

  await file.setInputFiles(csv(GOOD));
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(page.getByText('Tệp hợp lệ: 5 dòng sẵn sàng để nhập.')).toBeVisible();
  await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(page.getByTestId('import-done')).toHaveText('Đã nhập 5 dòng.');
  await page.getByLabel('Năm', { exact: true }).fill('2023');
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(page.getByTestId('records').getByRole('row', { name: new RegExp(`2023 ${MET}.*Hoàn thành xuất sắc nhiệm vụ QĐ 12/QĐ-UBND ngày 20/12/2023`) })).toBeVisible();
  await page.context().close();
});

test('the nomination now meets the rule, with the records behind it', async ({ browser }) => {
  const page = await as(browser, 'officer');
  await page.goto(metUrl);
  const panel = page.getByTestId('eligibility');
  await expect(panel.getByTestId('eligibility-verdict')).toHaveText('Đủ điều kiện theo mọi tiêu chuẩn áp dụng.');
  const years = panel.getByTestId('eligibility-years').first();
  await expect(years.getByRole('listitem').nth(0)).toHaveText('2023: Hoàn thành xuất sắc nhiệm vụ (QĐ 12/QĐ-UBND ngày 20/12/2023)');
  await expect(years.getByRole('listitem').nth(1)).toHaveText('2024: Hoàn thành xuất sắc nhiệm vụ (QĐ 15/QĐ-UBND ngày 19/12/2024)');
  await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(page.getByTestId('nomination-status')).toHaveText('Đã gửi');
  await page.context().close();
});

test('a nominee who fails is sent only with an exception reason; the queue marks it', async ({ browser }) => {
  const page = await as(browser, 'officer');
  await page.goto(failsUrl);
  await expect(page.getByTestId('eligibility-years').first()).toHaveText(/2023: thiếu\s*2024: Hoàn thành xuất sắc nhiệm vụ/);
  await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('chưa đạt tiêu chuẩn');
  await expect(page.getByTestId('nomination-status')).toHaveText('Bản nháp');
  await page.getByLabel('Lý do ngoại lệ (bắt buộc khi gửi người chưa đủ tiêu chuẩn)').fill('Thành tích đột xuất trong phòng chống thiên tai năm 2024.');
  await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(page.getByTestId('nomination-status')).toHaveText('Đã gửi');
  await expect(page.getByTestId('eligibility-verdict')).toHaveText('Đã gửi theo ngoại lệ. Lý do: Thành tích đột xuất trong phòng chống thiên tai năm 2024.');
  await page.context().close();

  const reviewer = await as(browser, 'reviewer');
  await reviewer.goto(`/manage/nominations?status=submitted&q=${encodeURIComponent(stamp)}`);
  await expect(reviewer.getByRole('row', { name: new RegExp(FAILS) }).getByTestId('eligibility-mark')).toHaveText('Ngoại lệ');
  await expect(reviewer.getByRole('row', { name: new RegExp(MET) }).getByTestId('eligibility-mark')).toHaveText('Đạt');
  await reviewer.context().close();
});

test('who is eligible in the district: the eligible first, found by name without diacritics, then all again', async ({ browser }) => {
  const reviewer = await as(browser, 'reviewer');
  await reviewer.goto(`/manage/records/eligible?form=${encodeURIComponent(FORM)}&kind=individual&year=2024`);
  const count = reviewer.getByTestId('eligible-count');
  await expect(count).toHaveText(/^\d+ \/ \d+ đủ điều kiện$/);
  const [met, total] = (await count.textContent())!.match(/\d+/g)!.map(Number);
  expect(met).toBeGreaterThan(0);
  const rows = reviewer.getByTestId('eligible').locator('tbody tr');
  // The eligible first: the first row is eligible, the met rows come before any other.
  await expect(rows.first().getByText('Đủ', { exact: true })).toBeVisible();
  // Typed without diacritics, đ included: only the person with every word, eligible; the whole list's counts stay.
  const filter = reviewer.getByTestId('eligible-filter');
  await filter.getByLabel('Tìm theo tên').fill(`ho thi du ${stamp}`);
  await filter.getByRole('button', { name: 'Lọc' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(MET);
  await expect(rows.first().getByText('Đủ', { exact: true })).toBeVisible();
  await expect(reviewer.getByTestId('eligible-filter-matching')).toContainText(`1 trong ${total} khớp`);
  await expect(count).toHaveText(`${met} / ${total} đủ điều kiện`);
  await expect(reviewer).toHaveURL(/form=.*&q=ho\+thi\+du/);
  const { violations } = await new AxeBuilder({ page: reviewer }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  await filter.getByRole('link', { name: 'Bỏ lọc' }).click();
  await expect(rows).toHaveCount(Math.min(total, 100));
  await reviewer.context().close();
});
