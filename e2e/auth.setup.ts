// Signs in once per demo account through the real form and keeps the session for the other specs.
import { expect, test as setup } from '@playwright/test';
import { LoginPage, ROLES, storageStateOf } from './pages/login-page';

for (const user of ROLES) {
  setup(`sign in as ${user}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(user);
    await expect(page).toHaveURL(/\/manage$/);
    await expect(page.getByTestId('actor-name')).toBeVisible();
    await page.context().storageState({ path: storageStateOf(user) });
  });
}
