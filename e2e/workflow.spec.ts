// The whole commendation workflow through the browser, each step by the role that owns it:
// create and open a round, nominate, return, fix and resubmit, check, approve, sign off the final list
// (frozen, withdrawn, signed again), decide, publish, revoke.
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { nominate } from './pages/nomination';
import { createRound, day, moveRound, pageAs as as } from './pages/round-admin';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const ROUND = `Khen thưởng thử nghiệm quy trình ${stamp}`;
const PERSON = `Nguyễn Thị Kiểm Thử ${stamp}`;
const GROUP = `Ban điều hành Khu phố Thử nghiệm ${stamp}`;

let roundUrl = '';
let personUrl = '';
let groupUrl = '';

test('a round without criteria cannot open; the admin adds them and opens it', async ({ browser }) => {
  const page = await as(browser, 'admin');
  roundUrl = await createRound(page, { title: ROUND });
  await expect(page.getByText('Còn thiếu: tiêu chuẩn')).toBeVisible();
  await page.getByRole('button', { name: 'Chuyển sang “Đang nhận đề nghị”' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('Chưa đủ điều kiện: tiêu chuẩn');
  await expect(page.getByTestId('round-status')).toHaveText('Trạng thái: Bản nháp');
  await page.getByText('Sửa thông tin đợt').click();
  await page.getByLabel('Tiêu chuẩn').fill('Tập thể, cá nhân tiêu biểu trong năm 2026.');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.locator('form').getByRole('status')).toHaveText('Đã lưu.');
  await moveRound(page, roundUrl, 'Đang nhận đề nghị');
  await page.context().close();
});

test('officer nominates an individual and a collective', async ({ browser }) => {
  const page = await as(browser, 'officer');
  personUrl = await nominate(page, ROUND, 'Cá nhân', PERSON);
  groupUrl = await nominate(page, ROUND, 'Tập thể', GROUP);
  await page.context().close();
});

test('the attachment downloads for its officer; officer2 of another ward gets 404 for page and file', async ({ browser }) => {
  const officer = await as(browser, 'officer');
  await officer.goto(personUrl);
  const href = (await officer.getByTestId('attachments').getByRole('link').first().getAttribute('href'))!;
  const mine = await officer.request.get(href);
  expect(mine.status()).toBe(200);
  expect(mine.headers()['content-type']).toBe('application/pdf');
  expect((await mine.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await officer.context().close();

  const page = await as(browser, 'officer2');
  const res = await page.goto(personUrl);
  expect(res?.status()).toBe(404);
  expect((await page.request.get(href)).status()).toBe(404);
  await page.context().close();
  const anonymous = await browser.newPage();
  expect((await anonymous.request.get(href)).status()).toBe(404);
  await anonymous.close();
});

test('reviewer returns one with a reason and checks the other', async ({ browser }) => {
  const page = await as(browser, 'reviewer');
  await page.goto(personUrl);
  await page.getByLabel('Lý do trả lại').fill('Đề nghị bổ sung biên bản họp xét của khu phố.');
  await page.getByRole('button', { name: 'Trả lại' }).click();
  await expect(page.getByTestId('nomination-status')).toHaveText('Trả lại');
  await page.goto(groupUrl);
  await page.getByRole('button', { name: 'Đánh dấu đã thẩm định' }).click();
  await expect(page.getByTestId('nomination-status')).toHaveText('Đã thẩm định');
  await page.context().close();
});

test('officer sees the reason, fixes the summary and resubmits', async ({ browser }) => {
  const page = await as(browser, 'officer');
  await page.goto('/manage');
  await expect(page.getByTestId('inbox-nominations')).toBeVisible();
  await page.goto(personUrl);
  // The reason at the top, the history in sentences (no raw codes), the returned badge standing out.
  await expect(page.getByTestId('latest-return')).toContainText('Đề nghị bổ sung biên bản họp xét của khu phố.');
  await expect(page.getByTestId('nomination-status')).toHaveAttribute('data-status', 'returned');
  await expect(page.getByTestId('timeline')).toContainText('trả lại hồ sơ: Đề nghị bổ sung biên bản họp xét của khu phố.');
  await expect(page.getByTestId('timeline')).not.toContainText('nomination.');
  await expect(page.getByTestId('timeline')).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await page.getByLabel('Tóm tắt thành tích', { exact: true }).fill('Tích cực vận động nhân dân; đã bổ sung biên bản họp xét ngày 10/11/2026.');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('form').getByRole('status')).toHaveText('Đã lưu.');
  await page.getByRole('button', { name: 'Nộp lại đề nghị' }).click();
  await expect(page.getByTestId('nomination-status')).toHaveText('Đã gửi');
  await expect(page.getByTestId('latest-return')).toHaveCount(0);
  await page.context().close();
});

test('reviewer checks the resubmitted nomination; admin moves the round to review', async ({ browser }) => {
  const reviewer = await as(browser, 'reviewer');
  await reviewer.goto(personUrl);
  await reviewer.getByRole('button', { name: 'Đánh dấu đã thẩm định' }).click();
  await expect(reviewer.getByTestId('nomination-status')).toHaveText('Đã thẩm định');
  await reviewer.context().close();
  const admin = await as(browser, 'admin');
  await moveRound(admin, roundUrl, 'Đang xét duyệt');
  await admin.context().close();
});

test('approver approves both with the council vote', async ({ browser }) => {
  const page = await as(browser, 'approver');
  for (const url of [personUrl, groupUrl]) {
    await page.goto(url);
    await page.getByRole('radio', { name: 'Phê duyệt', exact: true }).check();
    await page.getByLabel('Số phiếu đồng ý').fill('9');
    await page.getByLabel('Số phiếu không đồng ý').fill('0');
    await page.getByLabel('Số không biểu quyết hoặc vắng').fill('0');
    await page.getByRole('button', { name: 'Quyết định' }).click();
    await expect(page.getByTestId('nomination-status')).toHaveText('Đã phê duyệt');
    await expect(page.getByText('Biểu quyết: 9 đồng ý, 0 không đồng ý / 9 thành viên')).toBeVisible();
  }
  await page.context().close();
});

test('no decision without the sign-off of the final list', async ({ browser }) => {
  const admin = await as(browser, 'admin');
  await admin.goto(roundUrl);
  await expect(admin.getByText('Còn thiếu: ký duyệt danh sách cuối cùng của người phê duyệt')).toBeVisible();
  await admin.getByLabel('Số quyết định').fill(`77${stamp}/QĐ-UBND`);
  await admin.getByLabel('Ngày ký').fill(day(0));
  await admin.getByLabel('Người ký', { exact: true }).fill('Đoàn Minh Thịnh');
  await admin.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
  await expect(admin.locator('form').getByRole('alert')).toContainText('ký duyệt danh sách cuối cùng');
  await expect(admin.getByTestId('round-status')).toHaveText('Trạng thái: Đang xét duyệt');
  await admin.context().close();
});

let signedHash = '';

test('approver signs off the final list; an edit is then refused until the sign-off is withdrawn with a reason', async ({ browser }) => {
  const page = await as(browser, 'approver');
  await page.goto('/manage/rounds');
  await page.getByRole('row').filter({ hasText: ROUND }).getByRole('link', { name: 'Danh sách cuối cùng và ký duyệt' }).click();
  await expect(page.getByRole('heading', { name: 'Ký duyệt danh sách cuối cùng' })).toBeVisible();
  await expect(page.getByTestId('signoff-quota')).toContainText('Toàn đợt');
  await expect(page.getByTestId('signoff-quota').getByRole('row', { name: /Toàn đợt/ })).toContainText('1 / 5');
  await expect(page.getByRole('link', { name: PERSON })).toBeVisible();
  // What is signed off reads with its votes and its achievements.
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: PERSON }) });
  await expect(row.getByTestId('signoff-vote')).toHaveText(/^\d+\/\d+ đồng ý, \d+ không$/);
  await expect(row).toContainText('đã bổ sung biên bản họp xét ngày 10/11/2026');
  await expect(page.getByRole('link', { name: GROUP })).toBeVisible();
  await page.getByRole('button', { name: 'Ký duyệt danh sách' }).click();
  await expect(page.getByTestId('signoff-state')).toContainText('Đã ký duyệt bởi');
  const first = (await page.getByTestId('signoff-hash').textContent())!;
  expect(first).toMatch(/^[a-f0-9]{64}$/);
  const signoffUrl = page.url();

  // Frozen: reconsidering an approval is refused with the reason and the way out.
  await page.goto(personUrl);
  await expect(page.getByTestId('frozen-notice')).toBeVisible();
  await page.locator('summary', { hasText: 'Xem xét lại quyết định' }).click();
  await page.getByLabel('Lý do xem xét lại').fill('Cần xem lại số phiếu.');
  await page.getByRole('button', { name: 'Xem xét lại quyết định' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/đã được ký duyệt và đang bị khóa.*rút ký duyệt/);
  await expect(page.getByTestId('nomination-status')).toHaveText('Đã phê duyệt');

  // Withdrawal needs a reason, is recorded, and unfreezes the list; then the approver signs again.
  await page.goto(signoffUrl);
  await page.locator('summary', { hasText: 'Rút ký duyệt' }).click();
  await page.getByLabel('Lý do rút ký duyệt').fill('Rà soát lại chức vụ trong danh sách.');
  await page.getByRole('button', { name: 'Rút ký duyệt' }).click();
  await expect(page.getByTestId('signoff-state')).toContainText('Danh sách chưa được ký duyệt.');
  await expect(page.getByTestId('signoff-history')).toContainText('Rà soát lại chức vụ trong danh sách.');
  await page.goto(personUrl);
  await expect(page.getByTestId('frozen-notice')).toHaveCount(0);
  await page.goto(signoffUrl);
  await page.getByRole('button', { name: 'Ký duyệt danh sách' }).click();
  await expect(page.getByTestId('signoff-state')).toContainText('Đã ký duyệt bởi');
  signedHash = (await page.getByTestId('signoff-hash').textContent())!;
  // The same list signed again has the same content hash.
  expect(signedHash).toBe(first);
  await expect(page.getByTestId('signoff-history').getByRole('listitem')).toHaveCount(2);
  await page.context().close();
});

test('admin records the decision, publishes, and the public sees both', async ({ browser, request }) => {
  const admin = await as(browser, 'admin');
  await admin.goto(roundUrl);
  await expect(admin.getByTestId('round-list-hash')).toHaveText(signedHash);
  await admin.getByLabel('Số quyết định').fill(`77${stamp}/QĐ-UBND`);
  await admin.getByLabel('Ngày ký').fill(day(0));
  await admin.getByLabel('Người ký', { exact: true }).fill('Đoàn Minh Thịnh');
  await admin.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
  await expect(admin.getByTestId('round-status')).toHaveText('Trạng thái: Đã quyết định');
  // The decision annex carries the signed list's hash in its footer.
  const docxHref = (await admin.getByRole('link', { name: /DOCX/ }).getAttribute('href'))!;
  const docx = await JSZip.loadAsync(await (await admin.request.get(docxHref)).body());
  const footers = await Promise.all(Object.keys(docx.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => docx.file(f)!.async('string')));
  expect(footers.join('')).toContain(signedHash);
  await admin.getByRole('button', { name: 'Chuyển sang “Đã công bố”' }).click();
  await expect(admin.getByTestId('round-status')).toHaveText('Trạng thái: Đã công bố');

  const pub = await browser.newPage();
  await pub.goto('/');
  const link = pub.getByRole('link', { name: ROUND });
  const slug = (await link.getAttribute('href'))!.split('/').pop()!;
  await link.click();
  await expect(pub.getByText(PERSON)).toBeVisible();
  await expect(pub.getByText(GROUP)).toBeVisible();
  const awards = await (await request.get(`/api/public/rounds/${slug}/awards`)).json();
  expect(awards.map((a: { name: string }) => a.name).sort()).toEqual([GROUP, PERSON].sort());

  // Revocation: the award leaves the public roll and the API; the record stays.
  await admin.goto(roundUrl);
  const item = admin.getByRole('listitem').filter({ hasText: PERSON });
  await item.locator('summary', { hasText: 'Hủy bỏ khen thưởng' }).click();
  await item.getByLabel('Lý do hủy bỏ').fill('Kê khai không trung thực thành tích.');
  await item.getByLabel('Số quyết định hủy bỏ').fill(`78${stamp}/QĐ-UBND`);
  await item.getByRole('button', { name: 'Hủy bỏ khen thưởng' }).click();
  await expect(admin.getByRole('listitem').filter({ hasText: PERSON })).toContainText('Đã hủy bỏ');
  const certificate = await admin.getByRole('listitem').filter({ hasText: PERSON }).getByRole('link', { name: 'Giấy khen' }).getAttribute('href');
  const publicId = certificate!.split('/')[3];
  await pub.goto(`/awards/${publicId}`);
  await expect(pub.getByTestId('award-validity')).toHaveText('✗ Khen thưởng này đã bị hủy bỏ');
  await expect(pub.getByText(`78${stamp}/QĐ-UBND — Kê khai không trung thực thành tích.`)).toBeVisible();
  await pub.goto(`/rounds/${slug}`);
  await expect(pub.getByText(GROUP)).toBeVisible();
  await expect(pub.getByText(PERSON)).toHaveCount(0);
  const after = await (await request.get(`/api/public/rounds/${slug}/awards`)).json();
  expect(after.map((a: { name: string }) => a.name)).toEqual([GROUP]);

  // The audit log holds every step of the returned-and-resubmitted nomination.
  const id = personUrl.split('/').pop();
  await admin.goto(`/manage/audit?entity=nomination&id=${id}`);
  const actions = await admin.getByTestId('audit-table').locator('tbody tr td[data-action]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-action')));
  expect(actions.reverse()).toEqual(['nomination.create', 'nomination.attach', 'nomination.submit', 'nomination.return', 'nomination.edit', 'nomination.submit', 'nomination.check', 'nomination.approve']);
  await admin.goto('/manage/audit?action=round.');
  for (const a of ['round.create', 'round.open', 'round.reviewing', 'round.signoff', 'round.signoff_withdrawn', 'round.decided', 'round.published']) {
    await expect(admin.getByTestId('audit-table').getByText(a, { exact: true }).first()).toBeVisible();
  }
  await admin.goto('/manage/audit?action=award.revoke');
  // .first(): e2e/public-pages.spec.ts revokes an award too.
  await expect(admin.getByTestId('audit-table').getByText('award.revoke', { exact: true }).first()).toBeVisible();
  await admin.context().close();
  await pub.close();
});
