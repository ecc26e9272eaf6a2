// Two authorities in one deployment: the district office (Quận 7) and the neighbouring ward of Tân Mỹ
// Lợi with its own office. Neither sees, reviews, approves, exports or audits the other's rounds,
// nominations, people or files. And a returned nomination in review is never a dead end.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { pageAs } from './pages/round-admin';

const WARD_ROUND = 'Biểu dương gương điển hình Phường Tân Mỹ Lợi năm 2026';
const DISTRICT_ROUND = 'Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)';

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('dialog', (d) => d.accept());
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(username);
  await expect(page).toHaveURL(/\/manage$/);
  return page;
}

/** The href of the first nomination link in the queue at `path`. */
async function firstNomination(page: Page, path: string): Promise<string> {
  await page.goto(path);
  const href = await page.locator('tbody tr').first().getByRole('link').first().getAttribute('href');
  expect(href).toMatch(/\/manage\/nominations\/\d+$/);
  return href!;
}

test("neither office sees, reviews, approves, exports or audits the other's data", async ({ browser }) => {
  const wardAdmin = await signedIn(browser, 'tanmyloi.admin');
  const districtAdmin = await pageAs(browser, 'admin');
  const districtReviewer = await pageAs(browser, 'reviewer');

  // Rounds: each office lists its own.
  await wardAdmin.goto('/manage/rounds');
  await expect(wardAdmin.getByRole('link', { name: WARD_ROUND })).toBeVisible();
  await expect(wardAdmin.getByText(DISTRICT_ROUND)).toHaveCount(0);
  const wardRoundHref = (await wardAdmin.getByRole('link', { name: WARD_ROUND }).getAttribute('href'))!;
  await districtAdmin.goto('/manage/rounds');
  await expect(districtAdmin.getByRole('link', { name: DISTRICT_ROUND })).toBeVisible();
  await expect(districtAdmin.getByText(WARD_ROUND)).toHaveCount(0);
  expect((await districtAdmin.goto(wardRoundHref))?.status()).toBe(404);
  expect((await districtAdmin.goto(`${wardRoundHref}/signoff`))?.status()).toBe(404);

  // Nominations: the other's read as not found, in the list and by address.
  const wardNomination = await firstNomination(wardAdmin, '/manage/nominations');
  const wardUnits = await wardAdmin.locator('tbody tr td:nth-child(3)').allTextContents();
  expect(wardUnits.length).toBeGreaterThan(0);
  for (const u of wardUnits) expect(u).toContain('Tân Mỹ Lợi');
  const districtNomination = await firstNomination(districtReviewer, '/manage/nominations?status=checked');
  expect((await wardAdmin.goto(districtNomination))?.status()).toBe(404);
  expect((await districtReviewer.goto(wardNomination))?.status()).toBe(404);
  expect((await districtAdmin.goto(wardNomination))?.status()).toBe(404);
  await districtReviewer.goto('/manage/nominations');
  for (const u of await districtReviewer.locator('tbody tr td:nth-child(3)').allTextContents()) expect(u).not.toContain('Tân Mỹ Lợi');

  // Exports of the district's decided round: the district's alone.
  const slug = 'so-ket-3-nam-ket-luan-01-2021-2024';
  for (const file of ['decision.docx', 'awards.xlsx', 'report.xlsx']) {
    expect((await wardAdmin.request.get(`/manage/rounds/${slug}/export/${file}`)).status()).toBe(404);
    expect((await districtAdmin.request.get(`/manage/rounds/${slug}/export/${file}`)).status()).toBe(200);
  }

  // Audit: the ward's trail holds the ward's nominations, never the district's.
  const wardId = wardNomination.split('/').pop();
  const districtId = districtNomination.split('/').pop();
  await wardAdmin.goto(`/manage/audit?entity=nomination&id=${districtId}`);
  await expect(wardAdmin.locator('tbody tr')).toHaveCount(0);
  await wardAdmin.goto(`/manage/audit?entity=nomination&id=${wardId}`);
  await expect(wardAdmin.locator('tbody tr').first()).toBeVisible();
  await districtAdmin.goto(`/manage/audit?entity=nomination&id=${wardId}`);
  await expect(districtAdmin.locator('tbody tr')).toHaveCount(0);

  // People: each registry holds its own authority's people.
  await wardAdmin.goto('/manage/people');
  const people = await wardAdmin.locator('tbody tr').allTextContents();
  expect(people.length).toBeGreaterThan(0);
  for (const p of people) expect(p).toContain('Tân Mỹ Lợi');
  await districtAdmin.goto('/manage/people?q=Tân Mỹ Lợi');
  for (const p of await districtAdmin.locator('tbody tr').allTextContents()) expect(p).not.toContain('Tân Mỹ Lợi');

  // Users: each admin manages their own office's accounts.
  await wardAdmin.goto('/manage/users');
  await expect(wardAdmin.getByTestId('users').getByRole('link', { name: 'tanmyloi.officer' })).toBeVisible();
  await expect(wardAdmin.getByTestId('users').getByRole('link', { name: 'reviewer', exact: true })).toHaveCount(0);

  for (const p of [wardAdmin, districtAdmin, districtReviewer]) await p.context().close();
});

test('a returned nomination in review is answered by its unit, and the sign-off page names what blocks it', async ({ browser }) => {
  const approver = await signedIn(browser, 'tanmyloi.approver');
  await approver.goto('/manage/rounds');
  await approver.getByRole('link', { name: 'Danh sách cuối cùng và ký duyệt' }).first().click();
  const waiting = approver.getByTestId('signoff-waiting');
  await expect(waiting.getByRole('row')).toHaveCount(5); // header + 4 nominations of the ward
  const returnedRow = waiting.getByRole('row', { name: /Trả lại/ });
  await expect(returnedRow).toContainText('Chờ đơn vị bổ sung và nộp lại');
  const href = (await returnedRow.getByRole('link').getAttribute('href'))!;
  await approver.context().close();

  // The ward's officer answers and resubmits, though the round is already in review.
  const officer = await signedIn(browser, 'tanmyloi.officer');
  await officer.goto(href);
  await expect(officer.getByTestId('nomination-status')).toHaveText('Trả lại');
  await officer.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Đã bổ sung bản tóm tắt thành tích có xác nhận của khu phố theo yêu cầu.');
  await officer.getByRole('button', { name: 'Lưu' }).click();
  await officer.getByRole('button', { name: 'Nộp lại đề nghị' }).click();
  await expect(officer.getByTestId('nomination-status')).toHaveText('Đã gửi');
  // What the officer can no longer do is said, with the reason.
  await expect(officer.getByTestId('why-not')).toContainText('Chưa thể sửa, nộp');
  await officer.context().close();
});
