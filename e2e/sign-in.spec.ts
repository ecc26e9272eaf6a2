// Sign-in by role: each account sees its own menu; wrong passwords and anonymous visits are handled.
import { expect, test } from '@playwright/test';
import { LoginPage, storageStateOf, type DemoUser } from './pages/login-page';

const MENUS: Record<DemoUser, { has: string[]; lacks: string[]; unit: string }> = {
  admin: { has: ['Tổng quan', 'Đợt khen thưởng', 'Đề nghị', 'Nhật ký'], lacks: ['Thẩm định', 'Phê duyệt'], unit: 'Quận 7' },
  reviewer: { has: ['Tổng quan', 'Đề nghị', 'Thẩm định'], lacks: ['Phê duyệt'], unit: 'Quận 7' },
  approver: { has: ['Tổng quan', 'Đề nghị', 'Phê duyệt'], lacks: ['Thẩm định'], unit: 'Quận 7' },
  officer: { has: ['Tổng quan', 'Đề nghị'], lacks: ['Thẩm định', 'Phê duyệt'], unit: 'Phường Tân Phong' },
  officer2: { has: ['Tổng quan', 'Đề nghị'], lacks: ['Thẩm định', 'Phê duyệt'], unit: 'Phường Tân Hưng' },
};

for (const [user, menu] of Object.entries(MENUS) as [DemoUser, (typeof MENUS)[DemoUser]][]) {
  test.describe(`${user}`, () => {
    test.use({ storageState: storageStateOf(user) });
    test(`sees its own menu`, async ({ page }) => {
      await page.goto('/manage');
      await expect(page.getByText(`Đơn vị: ${menu.unit}`, { exact: true })).toBeVisible();
      const nav = page.getByRole('navigation', { name: 'Khu vực cán bộ' }).last();
      for (const item of menu.has) await expect(nav.getByRole('link', { name: new RegExp(`^${item}( \\d+)?$`) })).toBeVisible();
      for (const item of menu.lacks) await expect(nav.getByRole('link', { name: new RegExp(`^${item}( \\d+)?$`) })).toHaveCount(0);
    });
  });
}

test('a wrong password shows a message that does not reveal whether the user exists', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn('officer', 'wrong-password');
  const known = await page.locator('form').getByRole('alert').textContent();
  expect(known).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
  await login.signIn('no-such-user', 'wrong-password');
  await expect(page.locator('form').getByRole('alert')).toHaveText(known!);
  await expect(page).toHaveURL(/\/login/);
});

test('the message is in the page language', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto('/en');
  await login.signIn('officer', 'wrong-password');
  await expect(page.locator('form').getByRole('alert')).toHaveText('The username or password is incorrect.');
});

test('anonymous visits to /manage land on /login, and signing in returns to the page asked for', async ({ page }) => {
  for (const path of ['/manage', '/manage/nominations', '/manage/nominations/1']) {
    await page.goto(path);
    await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(path)}`);
    await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  }
  await page.goto('/manage/nominations?status=submitted');
  await new LoginPage(page).signIn('reviewer');
  await expect(page).toHaveURL(/\/manage\/nominations\?status=submitted$/);
  // Never to another site.
  await page.context().clearCookies();
  await page.goto('/login?callbackUrl=%2F%2Fevil.example%2Fmanage');
  await new LoginPage(page).signIn('reviewer');
  await expect(page).toHaveURL(/\/manage$/);
});

test('signing out ends the session', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn('reviewer');
  await expect(page).toHaveURL(/\/manage$/);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/manage');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmanage$/);
});

test('signing out ends the session on the server: a copied cookie stops working', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn('officer2');
  await expect(page).toHaveURL(/\/manage$/);
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.endsWith('authjs.session-token'))).toBe(true);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  // Someone replays the cookie copied before the sign-out.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const replay = await thief.newPage();
  await replay.goto('/manage/nominations');
  await expect(replay).toHaveURL(/\/login(\?|$)/);
  const res = await replay.request.get('/manage/nominations', { maxRedirects: 0 });
  expect(res.status()).toBeGreaterThanOrEqual(300);
  expect(await res.text()).not.toContain('/manage/nominations/');
  await thief.close();
  await context.close();
});
