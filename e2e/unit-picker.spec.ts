// A unit chosen by searching (a nation's 10,000 units are not listed): the suite's server lists the demo's few
// dozen units in a <select>, so this spec starts one more server on the same database with UNIT_SELECT_MAX=1,
// where every unit picker — and the public search's round and unit filters — is the search-as-you-type combobox,
// and uses it with the keyboard as a person would.
// The same server loads 2 of an officer's people on the new-nomination form (NOMINEE_OPTIONS_MAX=2): the others
// are found by typing, on the server, as a district's or a province's officer finds theirs past the first 500.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { withDatabase } from './pages/database';
import { storageStateOf } from './pages/login-page';
import { NOMINEE_UNIT } from './pages/nomination';
import { createRound } from './pages/round-admin';
import AxeBuilder from '@axe-core/playwright';

const port = Number(new URL(baseURL).port) + 40;
const server = `http://localhost:${port}`;
let child: ChildProcess;
/** As a person types a name: no diacritics, đ as d, small letters. */
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

test.beforeAll(async () => {
  child = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: 'e2e-secret-not-for-production-0123456789abcdef',
      UNIT_SELECT_MAX: '1',
      NOMINEE_OPTIONS_MAX: '2',
      SEARCH_WORKERS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${server}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the second server did not start');
});

test.afterAll(() => {
  child?.kill('SIGTERM');
});

test.use({ storageState: storageStateOf('admin') });

test('a new account’s unit is found by typing part of its name, without diacritics, and chosen with the keyboard', async ({ page }) => {
  const username = `tim${Date.now().toString(36)}`;
  await page.goto(`${server}/manage/users`);
  await page.getByText('Tạo người dùng', { exact: true }).first().click();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Họ tên hiển thị').fill('Đỗ Thị Tìm');
  const unit = page.getByRole('combobox', { name: 'Đơn vị' });
  await expect(unit).toBeVisible();
  await unit.fill('tan phong');
  const listbox = page.getByRole('listbox', { name: 'Đơn vị' });
  await expect(listbox.getByRole('option').first()).toContainText('Phường Tân Phong');
  await expect(unit).toHaveAttribute('aria-expanded', 'true');
  // Escape closes the list; typing opens it again; arrow down and Enter choose.
  await unit.press('Escape');
  await expect(unit).toHaveAttribute('aria-expanded', 'false');
  await unit.fill('tan phon');
  await expect(listbox.getByRole('option').first()).toContainText('Phường Tân Phong');
  await unit.press('ArrowDown');
  await expect(unit).toHaveAttribute('aria-activedescendant', /.+/);
  await unit.press('Enter');
  await expect(unit).toHaveValue('Phường Tân Phong');
  await page.getByRole('checkbox', { name: 'Cán bộ đơn vị' }).check();
  await page.getByLabel(/Mật khẩu tạm thời/).fill('tam-thoi-12345');
  await page.getByRole('button', { name: 'Tạo người dùng' }).click();
  await expect(page.locator('form').getByRole('status').filter({ hasText: 'Đã tạo người dùng.' })).toBeVisible();
  // The account went into the unit chosen (the list shows it from either server).
  await page.goto('/manage/users');
  await expect(page.getByTestId('users').getByRole('row', { name: new RegExp(username) })).toContainText('Phường Tân Phong');
});

test('a search finds nothing outside the admin’s scope, and says when nothing matches', async ({ page }) => {
  await page.goto(`${server}/manage/users`);
  await page.getByText('Tạo người dùng', { exact: true }).first().click();
  const unit = page.getByRole('combobox', { name: 'Đơn vị' });
  await unit.fill('khong co don vi nay');
  await expect(page.getByRole('status').filter({ hasText: 'Không có đơn vị nào' })).toBeVisible();
  // Another authority's units (the demo's neighbouring ward) are not the district admin's to choose.
  const names = async (q: string) => {
    const res = await page.request.get(`${server}/api/units/search?q=${encodeURIComponent(q)}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: Array<{ name: string }> }).items.map((u) => u.name);
  };
  expect(await names('tan phong')).toContain('Phường Tân Phong');
  expect(await names('tan my loi')).not.toContain('Phường Tân Mỹ Lợi');
});

test('a round’s quota is set for a unit found by typing, among the units of the round’s own subtree', async ({ page }) => {
  const round = await createRound(page, { title: `Đợt chỉ tiêu theo đơn vị ${Date.now().toString(36)}` });
  await page.goto(`${server}${round}`);
  const quotas = page.getByRole('region', { name: /Chỉ tiêu theo đơn vị/ });
  // No <select> of every unit of the district: a combobox, searching under the round's unit.
  await expect(quotas.locator('select#q-unit')).toHaveCount(0);
  const unit = quotas.getByRole('combobox', { name: 'Đơn vị' });
  await unit.fill('tan hung');
  await quotas.getByRole('listbox', { name: 'Đơn vị' }).getByRole('option', { name: /^Phường Tân Hưng/ }).click();
  await expect(unit).toHaveValue('Phường Tân Hưng');
  await quotas.locator('#q-c').fill('2');
  await quotas.locator('#q-i').fill('3');
  await quotas.getByRole('button', { name: 'Đặt chỉ tiêu' }).click();
  await expect(quotas.getByTestId('unit-quotas').getByRole('row', { name: /Phường Tân Hưng/ })).toContainText('0 / 2');
  await expect(quotas.getByTestId('unit-quotas').getByRole('row', { name: /Phường Tân Hưng/ })).toContainText('0 / 3');
});

/** The last of the officer's people by name: not among the two the form loads. */
const officersLastByName = () =>
  withDatabase((db) =>
    db.get<{ id: number; name: string; unit: string }>(
      `SELECT i.id AS id, i.full_name AS name, u.name AS unit FROM individuals i JOIN units u ON u.id = i.unit_id, users us JOIN units ou ON ou.id = us.unit_id
        WHERE us.username = 'officer' AND u.path LIKE ou.path || '%' AND i.merged_into_id IS NULL ORDER BY i.name_folded DESC LIMIT 1`,
    ),
  );

test.describe('an officer with more people than the form loads', () => {
  test.use({ storageState: storageStateOf('officer') });

  test('finds one past the first ones by typing the name without diacritics, and chooses them', async ({ page }) => {
    const last = await officersLastByName();
    expect(last).toBeTruthy();
    await page.goto(`${server}/manage/nominations/new`);
    await page.getByRole('radio', { name: 'Chọn trong danh sách đã có' }).check();
    await expect(page.getByText('Danh sách quá dài để tải hết')).toBeVisible();
    const results = page.getByRole('listbox', { name: 'Kết quả tìm' });
    await expect(results.getByRole('option')).toHaveCount(2);
    await expect(results.getByRole('option', { name: new RegExp(`^${last!.name} — `) })).toHaveCount(0);
    const folded = fold(last!.name);
    await page.getByRole('searchbox', { name: 'Tìm theo tên' }).fill(folded);
    const option = results.getByRole('option', { name: new RegExp(`^${last!.name} — `) });
    await expect(option).toHaveCount(1);
    await results.selectOption(String(last!.id));
    await expect(results).toHaveValue(String(last!.id));
    await page.getByRole('searchbox', { name: 'Tìm theo tên' }).fill('khong co ai ten nay');
    await expect(page.getByTestId('nominee-search-status')).toHaveText('Không có ai khớp với từ đã gõ.');
  });

  test('is warned, typing a new name, of a namesake in the unit past the first ones loaded', async ({ page }) => {
    const last = await officersLastByName();
    expect(last).toBeTruthy();
    await page.goto(`${server}/manage/nominations/new`);
    const unit = page.getByRole('combobox', { name: NOMINEE_UNIT });
    if (last!.unit !== 'Phường Tân Phong') {
      await unit.fill(fold(last!.unit));
      await page.getByRole('listbox', { name: NOMINEE_UNIT }).getByRole('option', { name: new RegExp(`^${last!.unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
      await expect(unit).toHaveValue(last!.unit);
    }
    // The name typed without diacritics, its words in another order: the same person, say so before anything is sent.
    await page.getByLabel('Họ và tên', { exact: true }).fill(fold(last!.name).split(' ').reverse().join(' '));
    await expect(page.getByTestId('similar-names')).toContainText(last!.name);
  });

  test('chooses a new nominee’s unit by typing its name, when the officer has more units than a select holds', async ({ page }) => {
    const name = `Lưu Thị Chọn Tổ ${Date.now().toString(36)}`;
    await page.goto(`${server}/manage/nominations/new`);
    await page.getByLabel('Đợt khen thưởng').selectOption({ label: 'Điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026' });
    // No <select> of every unit: a combobox that starts from the officer's own unit.
    const unit = page.getByRole('combobox', { name: NOMINEE_UNIT });
    await expect(unit).toHaveValue('Phường Tân Phong');
    await unit.fill('khu pho 3');
    await page.getByRole('listbox', { name: NOMINEE_UNIT }).getByRole('option', { name: /^Khu phố 3, Phường Tân Phong/ }).click();
    await expect(unit).toHaveValue('Khu phố 3, Phường Tân Phong');
    await page.getByLabel('Họ và tên', { exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Tích cực trong công tác của tổ dân phố.');
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByTestId('nomination-status')).toHaveText('Bản nháp');
    // The person was registered in the unit chosen.
    const row = await withDatabase((db) => db.get<{ unit: string }>('SELECT u.name AS unit FROM individuals i JOIN units u ON u.id = i.unit_id WHERE i.full_name = ?', [name]));
    expect(row).toEqual({ unit: 'Khu phố 3, Phường Tân Phong' });
  });
});

test.describe('the public search, where the rounds and units are too many for a <select>', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('finds a round and a unit by typing without diacritics, applies each as a filter, and clears it', async ({ page }) => {
    const title = 'Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)';
    await page.goto(`${server}/search?q=phuong`);
    // No <select> of every round and unit: each is a combobox (the year and the kind stay short lists).
    await expect(page.locator('select#f-round, select#f-unit')).toHaveCount(0);
    await expect(page.locator('select#f-year')).toHaveCount(1);
    const round = page.getByRole('combobox', { name: 'Đợt khen thưởng' });
    await round.pressSequentially('so ket 3 nam', { delay: 20 });
    await expect(page.getByRole('listbox', { name: 'Đợt khen thưởng' }).getByRole('option', { name: title })).toBeVisible();
    // Typing searches the choices only: the results stay as they were until one is chosen.
    await expect(page).toHaveURL(`${server}/search?q=phuong`);
    await round.press('Enter');
    await expect(page).toHaveURL(/[?&]round=so-ket-3-nam-ket-luan-01-2021-2024(&|$)/);
    const results = page.getByTestId('search-results').getByRole('listitem');
    await expect(results.first()).toBeVisible();
    for (const item of await results.all()) await expect(item).toContainText(title);
    await expect(round).toHaveValue(title);

    const unit = page.getByRole('combobox', { name: 'Đơn vị' });
    await unit.fill('tan thuan dong');
    await page.getByRole('listbox', { name: 'Đơn vị' }).getByRole('option', { name: /^Phường Tân Thuận Đông/ }).click();
    await expect(page).toHaveURL(/[?&]unit=[a-z0-9-]*tan-thuan-dong/);
    await expect(results.first()).toContainText('Tân Thuận Đông');
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.map((v) => v.id)).toEqual([]);

    // A page load shows the filters chosen by name; an emptied box is "all" again.
    await page.reload();
    await expect(unit).toHaveValue(/^Phường Tân Thuận Đông/);
    await expect(round).toHaveValue(title);
    await round.fill('');
    await round.press('Enter');
    await expect(page).not.toHaveURL(/round=/);
    await expect(page).toHaveURL(/[?&]unit=/);
  });
});
