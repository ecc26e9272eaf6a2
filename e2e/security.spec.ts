// Security headers and sign-in defence as a browser sees them: a nonce CSP that still lets the pages
// hydrate (no violation reported), the fixed headers on pages and APIs, and the sign-in rate limit.
import { expect, test, type Page } from '@playwright/test';
import { LoginPage, storageStateOf } from './pages/login-page';

/** Records CSP violations and console errors from the first script on. */
async function watch(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    errors,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    // React marks every node it hydrated; none are marked when its scripts were blocked.
    hydrated: () => page.evaluate(() => [...document.querySelectorAll('body *')].some((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber')))),
  };
}

function expectPageHeaders(headers: Record<string, string>) {
  const csp = headers['content-security-policy'];
  expect(csp).toBeTruthy();
  const script = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
  expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['x-frame-options']).toBe('DENY');
}

// Pages rendered per request; the cached public pages run no script at all (e2e/public-cache.spec.ts).
for (const path of ['/login', '/en/search?q=nguyen']) {
  test(`${path}: nonce CSP and security headers; the page hydrates with no violation`, async ({ page }) => {
    const w = await watch(page);
    const res = await page.goto(path);
    expectPageHeaders(res!.headers());
    await expect.poll(w.hydrated).toBe(true);
    expect(await w.violations()).toEqual([]);
    expect(w.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
}

test('each page view gets its own nonce, and Next.js puts it on its scripts', async ({ page }) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const res = await page.goto('/login');
    const nonce = res!.headers()['content-security-policy'].match(/'nonce-([^']+)'/)![1];
    nonces.push(nonce);
    const scripts = await page.locator('script').evaluateAll((els) => els.map((s) => (s as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test('API responses may not be framed or run anything', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  // HSTS only over HTTPS (here: as a TLS-terminating proxy would announce it).
  expect(res.headers()['strict-transport-security']).toBeUndefined();
  const https = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(https.headers()['strict-transport-security']).toContain('max-age=');
});

test('after five failed sign-ins for a username, the next attempt waits, with a message saying how long', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto('/en');
  const alert = page.locator('form').getByRole('alert');
  for (let i = 1; i <= 5; i++) {
    await login.signIn('rate-limit-probe', `wrong-${i}`);
    await expect(alert).toHaveText('The username or password is incorrect.');
    // Wait for the form to be ready again before the next attempt.
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await login.signIn('rate-limit-probe', 'wrong-6');
  await expect(alert).toHaveText(/^Too many failed sign-ins\. Please try again in (1[0-5]|[1-9]) min\.$/);
});

test.describe('a signed-in session', () => {
  test.use({ storageState: storageStateOf('reviewer') });
  test('is extended by activity: each page view re-issues the cookie for another 8 hours', async ({ page, context }) => {
    const expiry = async () => (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'))!.expires;
    const before = await expiry();
    await page.waitForTimeout(1100); // cookie expiry has one-second resolution
    await page.goto('/manage');
    await expect(page.getByText('Đơn vị: Quận 7', { exact: true })).toBeVisible();
    const after = await expiry();
    expect(after).toBeGreaterThan(before);
    expect(after * 1000 - Date.now()).toBeGreaterThan(8 * 3600_000 - 60_000);
    expect(after * 1000 - Date.now()).toBeLessThanOrEqual(8 * 3600_000 + 5_000);
  });
});
