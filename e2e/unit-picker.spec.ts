// A unit chosen by searching (a nation's 10,000 units are not listed): the suite's server lists the demo's few
// dozen units in a <select>, so this spec starts one more server on the same database with UNIT_SELECT_MAX=3,
// where every unit picker is the search-as-you-type combobox, and uses it with the keyboard as a person would.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { storageStateOf } from './pages/login-page';

const port = Number(new URL(baseURL).port) + 40;
const server = `http://localhost:${port}`;
let child: ChildProcess;

test.beforeAll(async () => {
  child = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: 'e2e-secret-not-for-production-0123456789abcdef',
      UNIT_SELECT_MAX: '3',
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
