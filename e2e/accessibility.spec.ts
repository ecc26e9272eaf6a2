// Every public page in vi/en/ko: no axe violation (WCAG 2.0/2.1 A and AA, contrast included), no horizontal
// scroll at 360 px; keyboard use; the honour roll prints black on white without the site's furniture.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext } from '@playwright/test';

const ROLL = 'so-ket-3-nam-ket-luan-01-2021-2024';

async function publicPages(request: APIRequestContext): Promise<Array<[string, string]>> {
  const awards = (await (await request.get(`/api/public/rounds/${ROLL}/awards`)).json()) as Array<{ id: string }>;
  const pages: Array<[string, string]> = [
    ['home', '/'],
    ['honour roll', `/rounds/${ROLL}`],
    ['honour roll filtered', `/rounds/${ROLL}?q=nguyen&unit=phuong-tan-phong`],
    ['honour roll, nothing matches', `/rounds/${ROLL}?q=zzzz`],
    ['search', '/search?q=nguyen&kind=individual'],
    ['award', `/awards/${awards[0].id}`],
    ['unit', '/units/phuong-tan-thuan-dong'],
    ['stats', '/stats'],
    ['login', '/login'],
    ['not found', '/khong-co-trang-nay'],
  ];
  // The consultation page exists only while a round is in review: e2e/consultation.spec.ts checks it with axe.
  return pages;
}

for (const prefix of ['', '/en', '/ko']) {
  test(`no axe violations on the public pages${prefix ? ` under ${prefix}` : ' (vi)'}`, async ({ page, request }) => {
    // Ten pages, each a full axe run with colour contrast (5–15 s a page on a busy 2-core machine).
    test.setTimeout(300_000);
    for (const [name, path] of await publicPages(request)) {
      await page.goto(`${prefix}${path === '/' && prefix ? '' : path}`);
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(violations.map((v) => `${name}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    }
  });
}

test('no public page scrolls sideways at 360 px', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const [name, path] of await publicPages(request)) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} (${name})`).toBeLessThanOrEqual(0);
  }
});

test('the keyboard reaches the skip link, the search field and the results', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Chuyển đến nội dung chính' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // From the start of the content, the next stops are the search field then its button.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Từ khóa' })).toBeFocused();
  await page.keyboard.type('tan thuan dong');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=tan\+thuan\+dong/);
  const first = page.getByTestId('search-results').getByRole('link').first();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/awards\/[a-f0-9]{16}$/);
});

test('the honour roll prints black on white without header, switcher or buttons', async ({ page }) => {
  await page.goto(`/rounds/${ROLL}`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('link', { name: 'English' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const colours = await page.getByRole('heading', { level: 1 }).evaluate((h) => [getComputedStyle(h).color, getComputedStyle(document.body).backgroundColor]);
  expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  await expect(page.getByTestId('individuals-list').getByRole('listitem')).toHaveCount(78);
});
