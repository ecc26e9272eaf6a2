// User administration: a new account must choose its own password; deactivation ends its session at once.
import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { pageAs } from './pages/round-admin';

const username = `canbo${Date.now().toString(36)}`;
const TEMP = 'tam-thoi-12345';
const OWN = 'mat-khau-rieng-67890';

test('admin creates an officer who must change the password, then deactivates them', async ({ browser }) => {
  const admin = await pageAs(browser, 'admin');
  await admin.goto('/manage/users');
  await admin.getByText('Tạo người dùng', { exact: true }).first().click();
  await admin.getByLabel('Tên đăng nhập').fill(username);
  await admin.getByLabel('Họ tên hiển thị').fill('Lý Thị Thử');
  await admin.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phường Tân Phong' });
  await admin.getByRole('checkbox', { name: 'Cán bộ đơn vị' }).check();
  await admin.getByLabel(/Mật khẩu tạm thời/).fill(TEMP);
  await admin.getByRole('button', { name: 'Tạo người dùng' }).click();
  await expect(admin.locator('form').getByRole('status')).toHaveText('Đã tạo người dùng.');
  await expect(admin.getByTestId('users').getByRole('row', { name: new RegExp(username) })).toContainText('phải đổi mật khẩu');

  const context = await browser.newContext();
  const user = await context.newPage();
  const login = new LoginPage(user);
  await login.goto();
  await login.signIn(username, TEMP);
  await expect(user).toHaveURL(/\/account\/password$/);
  await expect(user.getByText('Bạn cần đổi mật khẩu trước khi tiếp tục.')).toBeVisible();
  await user.goto('/manage/nominations');
  await expect(user).toHaveURL(/\/account\/password$/);
  // The redirect carries nothing of the page (route handlers and actions: tests/actor-gate.test.ts).
  const direct = await user.request.get('/manage/nominations', { maxRedirects: 0 });
  expect(direct.status()).toBeGreaterThanOrEqual(300);
  expect(await direct.text()).not.toContain('/manage/nominations/');
  // A wrong current password changes nothing.
  await user.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-000');
  await user.getByLabel(/Mật khẩu mới/).fill(OWN);
  await user.getByLabel('Nhập lại mật khẩu mới').fill(OWN);
  await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(user.locator('form').getByRole('alert')).toContainText('Mật khẩu hiện tại không đúng');
  await user.getByLabel('Mật khẩu hiện tại').fill(TEMP);
  await user.getByLabel(/Mật khẩu mới/).fill(OWN);
  await user.getByLabel('Nhập lại mật khẩu mới').fill(OWN);
  await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(user).toHaveURL(/\/login\?changed=1$/);
  await expect(user.getByText('Đã đổi mật khẩu. Vui lòng đăng nhập lại.')).toBeVisible();
  await login.signIn(username, OWN);
  await expect(user).toHaveURL(/\/manage$/);
  await expect(user.getByText('Đơn vị: Phường Tân Phong')).toBeVisible();

  // Deactivation: the open session ends at its next request.
  await admin.getByTestId('users').getByRole('link', { name: username }).click();
  await admin.getByRole('checkbox', { name: 'Đang hoạt động' }).uncheck();
  await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(admin.locator('form').getByRole('status').first()).toHaveText('Đã lưu.');
  await user.goto('/manage/nominations');
  await expect(user).toHaveURL(/\/login\?callbackUrl=%2Fmanage%2Fnominations$/);
  await login.signIn(username, OWN);
  await expect(user.locator('form').getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await context.close();
  await admin.context().close();
});
