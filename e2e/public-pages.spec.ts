// Public search, unit pages and statistics in the three languages; the switcher keeps the page; a revocation
// leaves the roll, search and statistics at once while the verification page says revoked.
import { gzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { storageStateOf } from './pages/login-page';

const ROLL = 'so-ket-3-nam-ket-luan-01-2021-2024';
const ARCHIVE = 'tong-ket-5-nam-chi-thi-05-2016-2021';
const WARD = 'phuong-tan-thuan-dong';

const LOCALES = [
  { prefix: '', lang: 'vi', search: 'Tra cứu khen thưởng', results: /kết quả cho “tan thuan dong”/, stats: 'Thống kê khen thưởng', byRound: 'Theo đợt khen thưởng', unitIntro: 'Khen thưởng của đơn vị' },
  { prefix: '/en', lang: 'en', search: 'Search the honours', results: /results for “tan thuan dong”/, stats: 'Honours in figures', byRound: 'By round', unitIntro: 'Honours of the unit' },
  { prefix: '/ko', lang: 'ko', search: '포상 검색', results: /“tan thuan dong” 검색 결과 \d+건/, stats: '포상 통계', byRound: '회차별', unitIntro: '공개된 포상 회차에서' },
] as const;

for (const l of LOCALES) {
  test.describe(`in ${l.lang}`, () => {
    test('search finds names and units without diacritics, with filters', async ({ page }) => {
      await page.goto(`${l.prefix}/search?q=tan+thuan+dong`);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.search);
      await expect(page.getByRole('heading', { name: l.results })).toBeVisible();
      const results = page.getByTestId('search-results').getByRole('listitem');
      await expect(results.first()).toContainText('Tân Thuận Đông');
      await page.goto(`${l.prefix}/search?q=tan+thuan+dong&kind=collective&round=${ROLL}`);
      await expect(results.first()).toContainText('Tân Thuận Đông');
      await expect(page.getByTestId('search-results').getByText('2021–2024', { exact: false }).first()).toBeVisible();
    });

    test('a unit page shows its honours by round and year', async ({ page }) => {
      await page.goto(`${l.prefix}/units/${WARD}`);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường Tân Thuận Đông');
      await expect(page.getByText(l.unitIntro)).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: /Sơ kết 3 năm thực hiện Kết luận 01-KL\/TW \(2021–2024\).*2024/ })).toBeVisible();
      await expect(page.getByRole('link', { name: /Chi bộ Khu phố 1, Phường Tân Thuận Đông/ }).first()).toBeVisible();
    });

    test('statistics give a chart and the same numbers as a table', async ({ page }) => {
      await page.goto(`${l.prefix}/stats`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.stats);
      await expect(page.getByRole('img', { name: new RegExp(l.byRound) })).toBeVisible();
      const row = page.getByTestId('by-round-table').getByRole('row', { name: /Sơ kết 3 năm/ });
      await expect(row.getByRole('cell')).toHaveText(['70', '78', '148']);
      await expect(page.getByTestId('by-gender-table').getByRole('row')).not.toHaveCount(1);
    });
  });
}

test('the language switcher keeps the page and its query', async ({ page }) => {
  await page.goto(`/units/${WARD}`);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/units/${WARD}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: '한국어' }).click();
  await expect(page).toHaveURL(new RegExp(`/ko/units/${WARD}$`));
  await page.goto('/en/stats');
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await expect(page).toHaveURL(/\/stats$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('the search form works without JavaScript and pages through results', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Từ khóa' }).fill('nguyen');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page).toHaveURL(/\/search\?q=nguyen/);
  await expect(page.getByTestId('search-results').getByRole('listitem')).toHaveCount(20);
  await page.getByRole('link', { name: /Trang sau/ }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/Trang 2 \/|Trang 2 trên|Trang 2/).first()).toBeVisible();
  await context.close();
});

test('search marks the matched words and names the round without repeating its year', async ({ page }) => {
  await page.goto('/search?q=van+tam');
  const first = page.getByTestId('search-results').getByRole('listitem').first();
  await expect(first.getByRole('link').first()).toHaveText('Trường Tiểu học Lê Văn Tám');
  await expect(first.locator('mark')).toHaveText(['Văn', 'Tám']);
  await page.goto('/search?q=phuong&round=so-ket-3-nam-ket-luan-01-2021-2024');
  const round = page.getByTestId('search-results').getByRole('listitem').first().getByRole('link', { name: /Sơ kết/ });
  await expect(round).toHaveText('Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)');
});

test('with JavaScript, results follow the typing', async ({ page }) => {
  await page.goto('/search');
  await page.getByRole('searchbox', { name: 'Từ khóa' }).pressSequentially('tan thuan do', { delay: 20 });
  await expect(page).toHaveURL(/q=tan\+thuan\+do/);
  await expect(page.getByTestId('search-results').getByRole('listitem').first()).toContainText('Tân Thuận Đông');
  await expect(page.getByRole('searchbox', { name: 'Từ khóa' })).toBeFocused();
});

test('the search API answers absurd queries with an empty result, never a 500', async ({ request }) => {
  for (const q of ['', '"', '*', 'NEAR(', 'OR', '-', '!!!', 'x'.repeat(10_000), "'; DROP TABLE awards; --"]) {
    const res = await request.get(`/api/public/search?q=${encodeURIComponent(q)}&page=abc&year=x&kind=y`);
    expect(res.status(), q.slice(0, 20)).toBe(200);
    const body = await res.json();
    expect(Array.isArray(body.results)).toBe(true);
  }
  // The production server answers on its search threads (lib/search-front.mjs) with the route's headers.
  const answer = await request.get('/api/public/search?q=NGUYEN%20VAN&kind=individual');
  expect(answer.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(answer.headers()['x-content-type-options']).toBe('nosniff');
  const body = await answer.json();
  expect(body.total).toBeGreaterThan(0);
  expect(body.results.every((r: { kind: string }) => r.kind === 'individual')).toBe(true);
  expect(Object.keys(body.results[0]).sort()).toEqual(['id', 'kind', 'name', 'position', 'roundSlug', 'roundTitle', 'summary', 'unit', 'unitSlug', 'year']);
});

test('round and award pages carry Open Graph and hreflang metadata; the sitemap lists units and stats', async ({ page, request }) => {
  await page.goto(`/en/rounds/${ROLL}`);
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'en_US');
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', new RegExp(`/en/rounds/${ROLL}$`));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /Sơ kết 3 năm/);
  await expect(page.locator('link[rel="alternate"][hreflang="ko"]')).toHaveAttribute('href', new RegExp(`/ko/rounds/${ROLL}$`));
  await page.getByTestId('individuals-list').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/en\/awards\/[a-f0-9]{16}$/);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('link[rel="alternate"][hreflang="vi"]')).toHaveAttribute('href', /\/awards\/[a-f0-9]{16}$/);
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain(`/units/${WARD}</loc>`);
  expect(sitemap).toContain('/stats</loc>');
  expect(sitemap).toContain('/ko/search');
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Allow: /api/public/');
  expect(robots).toContain('Disallow: /bare');
});

test('the honour roll links to unit pages', async ({ page }) => {
  await page.goto(`/rounds/${ROLL}`);
  await page.getByTestId('collectives-list').getByRole('link', { name: 'Phường Tân Thuận Đông', exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/units/${WARD}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường Tân Thuận Đông');
});

async function individualsInStats(page: Page, slug: string): Promise<number> {
  await page.goto('/stats');
  const row = page.getByTestId('by-round-table').locator('tr', { has: page.locator(`a[href="/rounds/${slug}"]`) });
  return Number(await row.locator('td').nth(1).textContent());
}

test.describe('as admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  // Revokes one individual of the archive round (the last on its list): no other spec counts that round.
  test('a revoked award leaves the roll, search and statistics; its verification page says revoked', async ({ page, request }) => {
    const awards = (await (await request.get(`/api/public/rounds/${ARCHIVE}/awards`)).json()) as Array<{ id: string; kind: string; name: string }>;
    const target = awards.filter((a) => a.kind === 'individual').at(-1)!;
    const before = await individualsInStats(page, ARCHIVE);
    const inSearch = async () =>
      ((await (await request.get(`/api/public/search?q=${encodeURIComponent(target.name)}&round=${ARCHIVE}`)).json()) as { results: Array<{ id: string }> }).results.some((r) => r.id === target.id);
    expect(await inSearch()).toBe(true);

    await page.goto('/manage/rounds');
    await page.getByRole('link', { name: /Tổng kết 5 năm thực hiện Chỉ thị 05-CT\/TW/ }).first().click();
    const item = page.getByRole('listitem').filter({ hasText: target.name }).filter({ has: page.locator('summary', { hasText: 'Hủy bỏ khen thưởng' }) });
    await item.locator('summary', { hasText: 'Hủy bỏ khen thưởng' }).click();
    await item.getByLabel('Lý do hủy bỏ').fill('Phát hiện kê khai sai thành tích.');
    await item.getByLabel('Số quyết định hủy bỏ').fill('321/QĐ-UBND');
    page.once('dialog', (d) => d.accept());
    await item.getByRole('button', { name: 'Hủy bỏ khen thưởng' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: target.name }).first()).toContainText('Đã hủy bỏ');

    await page.goto(`/rounds/${ARCHIVE}`);
    await expect(page.getByTestId('individuals-list').getByText(target.name, { exact: true })).toHaveCount(0);
    expect(await inSearch()).toBe(false);
    expect(await individualsInStats(page, ARCHIVE)).toBe(before - 1);
    await page.goto(`/awards/${target.id}`);
    await expect(page.getByTestId('award-validity')).toHaveText('✗ Khen thưởng này đã bị hủy bỏ');
    await expect(page.getByText('321/QĐ-UBND — Phát hiện kê khai sai thành tích.')).toBeVisible();
  });
});

/** Gzipped bytes of every script a first visit of `path` downloads (what scripts/first-load-js.ts measures). */
async function firstLoadJs(request: APIRequestContext, path: string): Promise<number> {
  const html = await (await request.get(path)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let total = 0;
  for (const src of srcs) total += gzipSync(await (await request.get(src)).body(), { level: 9 }).length;
  return total;
}

test('public pages ship at most 15 KB (gzipped) of JavaScript more than a bare Next.js page', async ({ request }) => {
  const bare = await firstLoadJs(request, '/bare');
  for (const path of ['/', `/rounds/${ROLL}`, '/search?q=nguyen', '/stats', `/units/${WARD}`, '/en/stats', '/login']) {
    expect(await firstLoadJs(request, path), path).toBeLessThanOrEqual(bare + 15 * 1024);
  }
});
