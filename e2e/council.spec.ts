// The council's journey: a sitting votes a whole checked list in one screen; one nominee falls below the
// threshold and the sitting is refused (what was typed stays); the minutes DOCX holds every tally; the list
// is signed off, and a registry edit of a listed person is refused; the decision is recorded and the annex's
// hash is the hash of the list it prints.
import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { nominate } from './pages/nomination';
import { createRound, day, moveRound, pageAs as as } from './pages/round-admin';
import { readDocx } from '../tests/docx-text';

// Five roles, three nominations with attachments and two DOCX downloads: generous time on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const stamp = Date.now().toString(36);
const ROUND = `Hội đồng xét khen thử nghiệm ${stamp}`;
const LISTED = `Phạm Thị Hội Đồng ${stamp}`;
const LOW = `Lý Văn Thiếu Phiếu ${stamp}`;
const GROUP = `Ban điều hành Khu phố Hội đồng ${stamp}`;
const MEMBERS = ['Võ Thanh Sơn', 'Đoàn Minh Thịnh', 'Trương Thị Mỹ Hạnh', 'Lê Văn Tâm', 'Phan Thị Kim Oanh', 'Ngô Quang Vinh', 'Bùi Thanh Hà'];
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

let roundUrl = '';
let councilUrl = '';
const urls: string[] = [];

test('a round with its council rule is opened, three nominations are checked and the round goes to review', async ({ browser }) => {
  const admin = await as(browser, 'admin');
  roundUrl = await createRound(admin, { title: ROUND, criteria: 'Tập thể, cá nhân tiêu biểu năm 2026.' });
  await admin.getByText('Sửa thông tin đợt').click();
  await expect(admin.getByLabel('Số thành viên Hội đồng')).toHaveValue('9');
  await expect(admin.getByLabel('Tỷ lệ đồng ý để phê duyệt (trên tổng số thành viên)')).toHaveValue('more_than_half');
  await moveRound(admin, roundUrl, 'Đang nhận đề nghị');

  const officer = await as(browser, 'officer');
  urls.push(await nominate(officer, ROUND, 'Cá nhân', LISTED));
  urls.push(await nominate(officer, ROUND, 'Cá nhân', LOW));
  urls.push(await nominate(officer, ROUND, 'Tập thể', GROUP));
  await officer.context().close();

  const reviewer = await as(browser, 'reviewer');
  for (const url of urls) {
    await reviewer.goto(url);
    await reviewer.getByRole('button', { name: 'Đánh dấu đã thẩm định' }).click();
    await expect(reviewer.getByTestId('nomination-status')).toHaveText('Đã thẩm định');
  }
  await reviewer.context().close();
  await moveRound(admin, roundUrl, 'Đang xét duyệt');
  councilUrl = `${roundUrl}/council`;
  await admin.context().close();
});

test('a sitting votes the whole list; one nominee below the threshold refuses it, the typed values stay; rejected, it is recorded', async ({ browser }) => {
  const page = await as(browser, 'approver');
  await page.goto('/manage/rounds');
  await page.getByRole('row').filter({ hasText: ROUND }).getByRole('link', { name: 'Phiên họp Hội đồng và biểu quyết' }).click();
  await expect(page.getByRole('heading', { name: 'Phiên họp Hội đồng Thi đua – Khen thưởng' })).toBeVisible();
  councilUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('council-rule')).toContainText('cần ít nhất 5/9 phiếu đồng ý');
  await page.getByLabel('Ngày họp').fill(day(0));
  await page.getByLabel('Địa điểm').fill('Phòng họp UBND Quận 7');
  await page.getByLabel('Chủ trì').fill('Võ Thanh Sơn');
  await page.getByLabel('Thư ký').fill('Trương Thị Mỹ Hạnh');
  await page.getByLabel('Thành viên có mặt (mỗi dòng một người)').fill(MEMBERS.join('\n'));
  const rows = page.getByTestId('sitting-votes').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  // Keyboard-fast: the first row's votes become every following row's default.
  const first = rows.first();
  await first.getByRole('spinbutton').first().fill('7');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1');
  for (const name of [LISTED, LOW]) {
    await expect(page.getByLabel(`Đồng ý — ${name}`, { exact: true })).toHaveValue('7');
    await expect(page.getByLabel(`Không đồng ý — ${name}`)).toHaveValue('1');
  }
  // Rows are in the annex's order (collectives, then individuals by unit and name): LOW comes before LISTED,
  // which follows LOW's new values until it is edited itself.
  await page.getByLabel(`Đồng ý — ${LOW}`, { exact: true }).fill('4');
  await page.getByLabel(`Không đồng ý — ${LOW}`).fill('3');
  await expect(page.getByLabel(`Đồng ý — ${LISTED}`, { exact: true })).toHaveValue('4');
  await page.getByLabel(`Đồng ý — ${LISTED}`, { exact: true }).fill('7');
  await page.getByLabel(`Không đồng ý — ${LISTED}`).fill('1');
  await expect(page.getByLabel(`Đồng ý — ${GROUP}`, { exact: true })).toHaveValue('7');
  await page.getByRole('button', { name: 'Ghi nhận phiên họp và biểu quyết' }).click();
  const alert = page.locator('form').getByRole('alert');
  await expect(alert).toContainText('1 hồ sơ chưa thể ghi nhận — chưa có gì được lưu.');
  await expect(alert).toContainText(`${LOW}: Chưa đạt số phiếu: 4/9 đồng ý, cần ít nhất 5 — còn thiếu 1 phiếu.`);
  await expect(page.getByLabel(`Đồng ý — ${LOW}`, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(`Đồng ý — ${LOW}`, { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Chủ trì')).toHaveValue('Võ Thanh Sơn');
  await expect(page.getByTestId('council-tallies')).toHaveCount(0);
  // The screen with its refusal marked reads well for a screen reader, and fits 360 px.
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByLabel(`Kết quả — ${LOW}`).selectOption({ label: 'Không phê duyệt' });
  await page.getByRole('button', { name: 'Ghi nhận phiên họp và biểu quyết' }).click();
  await expect(page.locator('form').getByRole('status')).toHaveText('Đã ghi nhận phiên họp.');
  const tallies = page.getByTestId('council-tallies');
  await expect(tallies.locator('tbody tr')).toHaveCount(3);
  await expect(tallies.getByRole('row', { name: new RegExp(LOW) })).toContainText('Không phê duyệt');
  await expect(tallies.getByRole('row', { name: new RegExp(LISTED) })).toContainText('Đã phê duyệt');
  await expect(page.getByText('Không có hồ sơ nào đang chờ Hội đồng biểu quyết.')).toBeVisible();
  await page.context().close();
});

test('the minutes DOCX holds the sitting and every tally', async ({ browser }) => {
  const page = await as(browser, 'approver');
  await page.goto(councilUrl);
  const href = (await page.getByRole('link', { name: 'Biên bản họp Hội đồng (DOCX)' }).getAttribute('href'))!;
  expect(href).toMatch(/\/export\/minutes\.docx$/);
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  const docx = await readDocx(await res.body());
  const text = docx.paragraphs.join('\n');
  expect(text).toContain('BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG');
  expect(text).toContain('Thành viên Hội đồng có mặt: 7/9; vắng mặt: 2');
  const rows = docx.tables[1].slice(1);
  expect(rows).toHaveLength(3);
  const row = (name: string) => rows.find((r) => r[1].includes(name))!;
  expect(row(LISTED).slice(3)).toEqual(['7', '1', '1', '9', 'Đề nghị khen thưởng']);
  expect(row(GROUP).slice(3)).toEqual(['7', '1', '1', '9', 'Đề nghị khen thưởng']);
  expect(row(LOW).slice(3)).toEqual(['4', '3', '2', '9', 'Không đề nghị']);
  expect(docx.tables[2].flat().join('\n')).toMatch(/THƯ KÝ[\s\S]*Trương Thị Mỹ Hạnh[\s\S]*CHỦ TRÌ[\s\S]*Võ Thanh Sơn/);
  // Staff without the council's role get nothing.
  const officer = await as(browser, 'officer');
  expect((await officer.request.get(href)).status()).toBe(404);
  await officer.context().close();
  await page.context().close();
});

let signedHash = '';

test('the list is signed off; a registry edit of a listed person is then refused, naming the list and the way out', async ({ browser }) => {
  const approver = await as(browser, 'approver');
  await approver.goto(councilUrl);
  await approver.getByRole('link', { name: 'Danh sách cuối cùng và ký duyệt' }).click();
  await approver.getByRole('button', { name: 'Ký duyệt danh sách' }).click();
  await expect(approver.getByTestId('signoff-state')).toContainText('Đã ký duyệt bởi');
  signedHash = (await approver.getByTestId('signoff-hash').textContent())!;
  await approver.context().close();

  const admin = await as(browser, 'admin');
  await admin.goto(`/manage/people?q=${encodeURIComponent(fold(LISTED))}`);
  await admin.getByTestId('registry').getByRole('link', { name: LISTED, exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(LISTED);
  await admin.locator('summary', { hasText: 'Sửa thông tin' }).click();
  await admin.getByLabel('Tên', { exact: true }).fill(`${LISTED} Đổi Tên`);
  await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(admin.locator('form').getByRole('alert')).toContainText(`danh sách cuối cùng đã ký duyệt của đợt “${ROUND}”`);
  await expect(admin.locator('form').getByRole('alert')).toContainText('rút ký duyệt');
  await admin.reload();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(LISTED);
  await admin.context().close();
});

test('the decision is recorded; the annex prints the sign-off hash and that hash is the hash of its printed list', async ({ browser }) => {
  const admin = await as(browser, 'admin');
  await admin.goto(roundUrl);
  await admin.getByLabel('Số quyết định').fill(`88${stamp}/QĐ-UBND`);
  await admin.getByLabel('Ngày ký').fill(day(0));
  await admin.getByLabel('Người ký', { exact: true }).fill('Võ Thanh Sơn');
  await admin.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
  await expect(admin.getByTestId('round-status')).toHaveText('Trạng thái: Đã quyết định');
  const href = (await admin.getByRole('link', { name: 'Danh sách kèm quyết định (DOCX)' }).getAttribute('href'))!;
  const docx = await readDocx(await (await admin.request.get(href)).body());
  expect(docx.footers).toContain(signedHash);
  expect(docx.paragraphs.join('\n')).toContain('Theo Biên bản họp Hội đồng Thi đua – Khen thưởng');
  // Recompute the hash from what is printed: the round's title and the rows of both tables.
  const title = docx.paragraphs[docx.paragraphs.findIndex((p) => p.startsWith('Tập thể, cá nhân được tặng')) + 1];
  expect(title).toBe(ROUND);
  const [, collectives, individuals] = docx.tables;
  expect(collectives.slice(1).map((r) => r[1])).toEqual([GROUP]);
  expect(individuals.slice(1).map((r) => r[1])).toEqual([LISTED]);
  // Every cell of every row as printed, each achievement ("Thành tích", the last column) included.
  expect([collectives[0].at(-1), individuals[0].at(-1)]).toEqual(['Thành tích', 'Thành tích']);
  const rows = (table: string[][]) => table.slice(1);
  const recomputed = createHash('sha256').update(JSON.stringify([title, rows(collectives), rows(individuals)]), 'utf8').digest('hex');
  expect(recomputed).toBe(signedHash);
  // The minutes stay downloadable from the round's page.
  await expect(admin.getByRole('link', { name: 'Biên bản họp Hội đồng (DOCX)' })).toBeVisible();
  await admin.context().close();
});
