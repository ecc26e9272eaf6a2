// Proposals up a level: a ward's administrator proposes its decided list to the district's open round
// without retyping; the district office sees where each nomination comes from and returns one with a
// reason; the ward sees the return and its reason on its own round's page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage, storageStateOf } from './pages/login-page';
import { pageAs } from './pages/round-admin';

const WARD_ROUND = 'Khen thưởng tập thể, cá nhân tiêu biểu Phường Tân Phong năm 2025';
const DEMO_REASON = 'Đề nghị bổ sung bản nhận xét của chi bộ nơi cư trú trước khi trình Hội đồng quận.';
const REASON = 'Đề nghị bổ sung xác nhận thành tích của Ủy ban MTTQ phường.';

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('dialog', (d) => d.accept());
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(username);
  await expect(page).toHaveURL(/\/manage$/);
  return page;
}

test('a ward proposes its decided list up; the district returns one with a reason; the ward sees it', async ({ browser }) => {
  const ward = await signedIn(browser, 'tanphong.admin');
  await ward.goto('/manage/rounds');
  await ward.getByRole('link', { name: WARD_ROUND }).click();
  await expect(ward.getByTestId('round-status')).toContainText('Đã quyết định');
  const section = ward.getByTestId('proposals');
  await expect(section.getByRole('heading', { name: 'Đề nghị lên cấp trên' })).toBeVisible();
  // The demo's list already went up in part: three proposed, one returned with its reason.
  await expect(section.getByTestId('proposals-summary')).toContainText('Đã đề nghị lên cấp trên: 3');
  await expect(section.getByText(`Lý do: ${DEMO_REASON}`)).toBeVisible();
  const { violations } = await new AxeBuilder({ page: ward }).include('[data-testid="proposals"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);

  // The rest of the list: select all, choose the district's round, confirm, send.
  const free = section.getByTestId('proposal-awards').locator('input[type="checkbox"]:not(:disabled)');
  const names: string[] = [];
  for (const box of await free.all()) names.push((await box.getAttribute('aria-label'))!.replace(/^Chọn /, ''));
  expect(names.length).toBe(2);
  await section.getByLabel('Chọn tất cả').check();
  for (const box of await free.all()) await expect(box).toBeChecked();
  await expect(section.getByLabel('Đợt khen thưởng của cấp trên')).toContainText('UBND Quận 7');
  await section.getByRole('button', { name: 'Gửi đề nghị lên cấp trên' }).click();
  await expect(section.getByText('Đã gửi đề nghị lên cấp trên.')).toBeVisible();
  await expect(section.getByTestId('proposals-summary')).toContainText('Đã đề nghị lên cấp trên: 5');
  // Sent once: the proposed rows can no longer be chosen.
  await expect(section.getByTestId('proposal-awards').locator('input[type="checkbox"]:not(:disabled)')).toHaveCount(0);

  // The district office finds it in its queue, sees where it comes from, and returns it with a reason.
  const reviewer = await pageAs(browser, 'reviewer');
  await reviewer.goto(`/manage/nominations?status=submitted&q=${encodeURIComponent(names[0])}`);
  const queued = reviewer.locator('tbody tr', { hasText: names[0] }).first();
  await expect(queued.getByTestId('from-below')).toHaveText('Đề nghị từ cấp dưới');
  await expect(queued).toContainText('Phường Tân Phong');
  await queued.getByRole('link').first().click();
  await expect(reviewer.getByTestId('nomination-status')).toHaveText('Đã gửi');
  const origin = reviewer.getByTestId('nomination-origin');
  await expect(origin).toContainText('Phường Tân Phong');
  await expect(origin).toContainText(WARD_ROUND);
  await expect(origin).toContainText('35/QĐ-UBND');
  await reviewer.getByLabel('Lý do trả lại').fill(REASON);
  await reviewer.getByRole('button', { name: 'Trả lại' }).click();
  await expect(reviewer.getByTestId('nomination-status')).toHaveText('Trả lại');
  await reviewer.context().close();

  // The ward sees the return and its reason beside the name.
  await ward.reload();
  const row = ward.getByTestId('proposal-row').filter({ hasText: names[0] });
  await expect(row.getByTestId('proposed-item')).toContainText('Trả lại');
  await expect(row).toContainText(`Lý do: ${REASON}`);
  await expect(section.getByTestId('proposals-summary')).toContainText('Trả lại: 2');
  await ward.context().close();
});

test('another ward cannot read or propose the list', async ({ browser }) => {
  const other = await signedIn(browser, 'tanmyloi.admin');
  await other.goto('/manage/rounds');
  await expect(other.getByText(WARD_ROUND)).toHaveCount(0);
  await other.context().close();
});

test('a long decided list is found by name, in "propose to the level above" and in the awards, without JavaScript', async ({ browser }) => {
  // Plain GET forms: they work with scripts off (a slow phone, a locked-down office browser).
  const admin = await (await browser.newContext({ storageState: storageStateOf('admin'), javaScriptEnabled: false })).newPage();
  await admin.goto('/manage/rounds');
  await admin.getByRole('link', { name: 'Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)' }).click();
  const section = admin.getByTestId('proposals');
  await expect(section.getByTestId('proposal-row')).toHaveCount(148);
  const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  // Typed without diacritics: "dang" finds Đặng, Đăng… (đ folded), and nothing else.
  const filter = section.getByTestId('proposals-filter');
  await filter.getByLabel('Tìm theo tên').fill('dang');
  await filter.getByRole('button', { name: 'Lọc' }).click();
  await expect(admin).toHaveURL(/[?&]pq=dang(&|#|$)/);
  const names = await section.getByTestId('proposal-row').locator('td:first-child').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names.length).toBeLessThan(148);
  for (const name of names) expect(folded(name)).toContain('dang');
  await expect(section.getByTestId('proposals-filter-matching')).toHaveText(`${names.length} trong 148 khớp “dang”`);

  // The awards below (each with its revocation form) have their own filter; the proposals' stays as it was.
  const awardsFilter = admin.getByTestId('awards-filter');
  await awardsFilter.getByLabel('Tìm theo tên').fill('DANG phu');
  await awardsFilter.getByRole('button', { name: 'Lọc' }).click();
  await expect(admin).toHaveURL(/[?&]aq=DANG\+phu(&|#|$)/);
  await expect(admin).toHaveURL(/[?&]pq=dang(&|#|$)/);
  const awards = await admin.getByTestId('award-item').locator('strong').allInnerTexts();
  expect(awards.length).toBeGreaterThan(0);
  expect(awards.length).toBeLessThan(names.length + 1);
  // Every word, anywhere in the name: Đảng ủy Phường Phú Mỹ, Đặng Phương Trang…
  for (const name of awards) expect(folded(name)).toMatch(/(?=.*dang)(?=.*phu)/);
  await expect(admin.getByTestId('awards-filter-matching')).toHaveText(`${awards.length} trong 148 khớp “DANG phu”`);
  await expect(section.getByTestId('proposal-row')).toHaveCount(names.length);

  // Cleared, each whole list again.
  await section.getByRole('link', { name: 'Bỏ lọc' }).click();
  await expect(section.getByTestId('proposal-row')).toHaveCount(148);
  await expect(admin.getByTestId('award-item')).toHaveCount(awards.length);
  await admin.getByTestId('awards-filter').getByRole('link', { name: 'Bỏ lọc' }).click();
  await expect(admin.getByTestId('award-item')).toHaveCount(148);
  const filtered = admin.url().replace(/[?#].*$/, '?pq=dang&aq=dang');
  await admin.context().close();

  // Both filters on, the page passes axe (two search landmarks, each named after its list).
  const withScripts = await pageAs(browser, 'admin');
  await withScripts.goto(filtered);
  await expect(withScripts.getByRole('search', { name: 'Tìm theo tên: Đề nghị lên cấp trên' })).toBeVisible();
  await expect(withScripts.getByRole('search', { name: /^Tìm theo tên: / })).toHaveCount(2);
  const { violations } = await new AxeBuilder({ page: withScripts }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  await withScripts.context().close();
});
