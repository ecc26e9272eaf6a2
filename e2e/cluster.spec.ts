// Several app processes, one PostgreSQL database (issue 16): run by playwright.pg.config.ts, where the app is
// two `next start` processes behind one address (scripts/serve-cluster.ts). Each test talks to the processes
// directly too: a change made through one is seen through the other on the very next request — pages the
// other process had already rendered and cached included — and a session or a sign-in limit holds in both.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { DEMO_PASSWORD, LoginPage, storageStateOf } from './pages/login-page';

const ARCHIVE = 'tong-ket-5-nam-chi-thi-05-2016-2021';
const port = Number(new URL(baseURL).port);
const processA = `http://localhost:${port + 1}`;
const processB = `http://localhost:${port + 2}`;

async function rollNames(request: APIRequestContext, base: string): Promise<string> {
  const res = await request.get(`${base}/rounds/${ARCHIVE}`);
  expect(res.status()).toBe(200);
  return res.text();
}

test('both processes answer behind the one address', async ({ request }) => {
  for (const base of [processA, processB, baseURL]) expect((await request.get(`${base}/api/health`)).status()).toBe(200);
});

test('both processes serve a public page with the same bytes, linked to the one address: an ETag of one is a 304 of the other', async ({ request }) => {
  for (const path of ['/', `/en/rounds/${ARCHIVE}`, '/stats']) {
    for (const base of [processA, processB]) await request.get(`${base}${path}`); // each process's render
    const a = await request.get(`${processA}${path}`);
    const b = await request.get(`${processB}${path}`);
    expect(a.headers()['etag'], path).toBeTruthy();
    expect(b.headers()['etag'], path).toBe(a.headers()['etag']);
    expect(await a.text(), path).toContain(`<link rel="canonical" href="${baseURL}${path === '/' ? '/' : path}"/>`);
    const again = await request.get(`${processB}${path}`, { headers: { 'if-none-match': a.headers()['etag'] } });
    expect(again.status(), path).toBe(304);
  }
});

test.describe('as admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('a revocation made through one process shows at once through the other, whose roll was cached', async ({ page, request }) => {
    const awards = (await (await request.get(`${processB}/api/public/rounds/${ARCHIVE}/awards`)).json()) as Array<{ id: string; kind: string; name: string }>;
    const target = awards.filter((a) => a.kind === 'individual').at(-2)!;
    // Process B renders and keeps the roll and the award page (the second request is a cache hit).
    for (let i = 0; i < 2; i++) expect(await rollNames(request, processB)).toContain(target.name);
    expect(await (await request.get(`${processB}/awards/${target.id}`)).text()).not.toContain('đã bị hủy bỏ');

    // The session made through the address (either process) is good in process A.
    await page.goto(`${processA}/manage/rounds`);
    await page.getByRole('link', { name: /Tổng kết 5 năm thực hiện Chỉ thị 05-CT\/TW/ }).first().click();
    const item = page.getByRole('listitem').filter({ hasText: target.name }).filter({ has: page.locator('summary', { hasText: 'Hủy bỏ khen thưởng' }) });
    await item.locator('summary', { hasText: 'Hủy bỏ khen thưởng' }).click();
    await item.getByLabel('Lý do hủy bỏ').fill('Kiểm thử hai tiến trình.');
    await item.getByLabel('Số quyết định hủy bỏ').fill('654/QĐ-UBND');
    page.once('dialog', (d) => d.accept());
    await item.getByRole('button', { name: 'Hủy bỏ khen thưởng' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: target.name }).first()).toContainText('Đã hủy bỏ');

    // Process B, on its very next requests: the roll without the name, the award page revoked, search and JSON too.
    expect(await rollNames(request, processB)).not.toContain(`>${target.name}<`);
    expect(await (await request.get(`${processB}/awards/${target.id}`)).text()).toContain('654/QĐ-UBND');
    const json = (await (await request.get(`${processB}/api/public/rounds/${ARCHIVE}/awards`)).json()) as Array<{ id: string }>;
    expect(json.some((a) => a.id === target.id)).toBe(false);
    const search = (await (await request.get(`${processB}/api/public/search?q=${encodeURIComponent(target.name)}&round=${ARCHIVE}`)).json()) as { results: Array<{ id: string }> };
    expect(search.results.some((r) => r.id === target.id)).toBe(false);
  });
});

test('signing out in one process ends the session in the other', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${processA}/login`);
  await new LoginPage(page).signIn('reviewer', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/manage$/);
  // Cookies are per host, not per port: the same session reaches process B.
  await page.goto(`${processB}/manage`);
  await expect(page.getByTestId('actor-name')).toBeVisible();
  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  await page.goto(`${processA}/manage`);
  await page.getByRole('button', { name: 'Đăng xuất' }).first().click();
  await expect(page).not.toHaveURL(/\/manage/);
  // The same session cookie, replayed after signing out, is refused by the other process too (ended
  // sessions live in the database).
  const other = await browser.newContext();
  await other.addCookies(cookies);
  const p2 = await other.newPage();
  await p2.goto(`${processB}/manage`);
  await expect(p2).toHaveURL(/\/login/);
  await other.close();
  await context.close();
});
