// The honour roll on a phone and on paper: a one-line header at 360 px, jump links, a name/ward filter that works
// without JavaScript, the issuing authority's banner and footer, official terms through the glossary in /en and
// /ko with the Vietnamese beside, and a print layout that fits 148 names on a few A4 pages.
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';

const ROLL = 'so-ket-3-nam-ket-luan-01-2021-2024';
const PHONE = { width: 360, height: 740 };

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

async function entryNames(page: Page): Promise<string[]> {
  return page.locator('ol.roll > li > a:first-child').allTextContents();
}

/** The header's bar is one line: every item sits on the same row and none wraps inside. */
async function expectOneLineHeader(page: Page) {
  const boxes = await page.getByTestId('site-bar').evaluate((bar) => {
    const items = [bar.querySelector('a'), ...bar.querySelectorAll('nav > a, nav > ul > li')];
    return items.map((el) => el!.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, right: r.right, height: r.height }));
  });
  expect(boxes.length).toBeGreaterThanOrEqual(6);
  const middle = (b: { top: number; bottom: number }) => (b.top + b.bottom) / 2;
  for (const b of boxes) {
    expect(Math.abs(middle(b) - middle(boxes[0]))).toBeLessThanOrEqual(4);
    expect(b.height).toBeLessThanOrEqual(40);
    expect(b.right).toBeLessThanOrEqual(PHONE.width);
  }
  expect((await page.getByTestId('site-bar').boundingBox())!.height).toBeLessThanOrEqual(60);
}

for (const prefix of ['', '/en', '/ko']) {
  test(`the header is one line at 360 px${prefix ? ` under ${prefix}` : ' (vi)'}`, async ({ page }) => {
    await page.setViewportSize(PHONE);
    for (const path of [`/rounds/${ROLL}`, '/', '/stats']) {
      await page.goto(`${prefix}${path === '/' && prefix ? '' : path}`);
      await expectOneLineHeader(page);
    }
    // The labels the icons stand for stay readable by screen readers.
    await expect(page.getByRole('navigation').first().getByRole('link', { name: prefix === '/en' ? 'Search' : prefix === '/ko' ? '검색' : 'Tra cứu' })).toBeVisible();
  });
}

test('statistics labels are not cut at 360 px', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/stats');
  const charts = page.getByTestId('bar-chart');
  await expect(charts.first()).toBeVisible();
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="bar-chart"] p, [data-testid="bar-chart"] text')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const chart = el.closest('[data-testid="bar-chart"]')!.getBoundingClientRect();
        return r.right > chart.right + 40 || r.right > window.innerWidth || (el instanceof HTMLElement && el.scrollWidth > el.clientWidth);
      })
      .map((el) => el.textContent),
  );
  expect(cut).toEqual([]);
  await expect(page.getByText('Sơ kết 3 năm thực hiện Kết luận 01-KL/TW (2021–2024)', { exact: true }).first()).toBeVisible();
});

test('jump links lead to the collectives and the individuals', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(`/rounds/${ROLL}`);
  const jump = page.getByRole('navigation', { name: 'Đi đến phần' });
  await jump.getByRole('link', { name: 'Cá nhân (78)' }).click();
  await expect(page).toHaveURL(/#individuals$/);
  await expect(page.getByRole('heading', { name: 'Cá nhân (78)' })).toBeInViewport();
  await expect(page.getByRole('heading', { name: 'Tập thể (70)' })).not.toBeInViewport();
  await jump.getByRole('link', { name: 'Tập thể (70)' }).click();
  await expect(page).toHaveURL(/#collectives$/);
  await expect(page.getByRole('heading', { name: 'Tập thể (70)' })).toBeInViewport();
});

test('the roll filters by name and by ward without JavaScript, at 360 px', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`/rounds/${ROLL}`);
  expect(await entryNames(page)).toHaveLength(148);
  const filter = page.getByRole('search', { name: 'Lọc danh sách' });
  await filter.getByLabel('Tên').fill('nguyen thi');
  await filter.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/\?q=nguyen\+thi/);
  const names = await entryNames(page);
  expect(names.length).toBeGreaterThan(0);
  expect(names.length).toBeLessThan(148);
  // Every word typed starts a word of the name.
  const starts = (name: string, q: string) => q.split(' ').every((w) => fold(name).split(/[^a-z0-9]+/).some((n) => n.startsWith(w)));
  for (const n of names) expect(starts(n, 'nguyen thi'), n).toBe(true);
  await expect(page.getByTestId('roll-filter-status')).toHaveText(`${names.length} / 148 mục khớp với bộ lọc`);
  // The form keeps what was typed; the headings count what is shown.
  await expect(filter.getByLabel('Tên')).toHaveValue('nguyen thi');

  await filter.getByLabel('Tên').fill('');
  const ward = filter.getByLabel('Phường, đơn vị');
  const option = ward.locator('option', { hasText: 'Phường Tân Phong (' });
  const count = Number((await option.textContent())!.match(/\((\d+)\)/)![1]);
  await ward.selectOption({ label: (await option.textContent())! });
  await filter.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/unit=phuong-tan-phong/);
  expect(await entryNames(page)).toHaveLength(count);
  for (const unit of await page.locator('ol.roll > li > p:first-of-type > a').allTextContents()) expect(unit).toMatch(/Tân Phong/);

  await page.getByRole('link', { name: 'Bỏ lọc' }).click();
  expect(await entryNames(page)).toHaveLength(148);

  await page.goto(`/rounds/${ROLL}?q=zzzz`);
  await expect(page.getByTestId('roll-filter-status')).toHaveText('Không có mục nào khớp với bộ lọc.');
  await expect(page.locator('ol.roll')).toHaveCount(0);
  await context.close();
});

test('with JavaScript the roll follows the typing (đ folded: "DUC" finds Đức)', async ({ page }) => {
  await page.goto(`/rounds/${ROLL}`);
  // Typing before React has hydrated the page would go to the plain form only.
  await page.waitForLoadState('networkidle');
  await page.getByRole('search', { name: 'Lọc danh sách' }).getByLabel('Tên').pressSequentially('DUC', { delay: 30 });
  await expect(page).toHaveURL(/\?q=DUC/);
  await expect(page.getByTestId('roll-filter-status')).toBeVisible();
  const names = await entryNames(page);
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(fold(n)).toMatch(/(^|[^a-z])duc/);
  expect(names.some((n) => n.includes('Đức'))).toBe(true);
});

test('every entry is bare markup: no classes repeated per entry; 148 entries in under 100 KB, 15 KB gzipped', async ({ page, request }) => {
  await page.goto(`/rounds/${ROLL}`);
  await expect(page.locator('ol.roll > li')).toHaveCount(148);
  await expect(page.locator('ol.roll [class], ol.roll > li[class]')).toHaveCount(0);
  const html = await (await request.get(`/rounds/${ROLL}`)).text();
  // The page's stylesheet comes inline, cut to the rules its markup uses; what grows with the roll is the markup.
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '');
  expect(Buffer.byteLength(markup)).toBeLessThan(65_000);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  expect(style).toContain('.roll');
  expect(style).not.toContain('.border-collapse'); // the staff tables' rules stay out of the public pages
  expect(Buffer.byteLength(html)).toBeLessThan(100_000);
  expect(gzipSync(html, { level: 9 }).length).toBeLessThan(15_000);
});

test('the issuing authority’s banner and the responsible agency’s footer', async ({ page }) => {
  await page.goto(`/rounds/${ROLL}`);
  await expect(page.getByTestId('site-banner')).toHaveText('ỦY BAN NHÂN DÂN QUẬN 7');
  const footer = page.getByRole('contentinfo');
  await expect(footer.getByText('Phòng Nội vụ Quận 7')).toBeVisible();
  await expect(footer.getByText(/Số 1 đường Minh Họa/)).toBeVisible();
  await expect(footer.getByRole('link', { name: '028 0000 0007' })).toHaveAttribute('href', 'tel:02800000007');
  await expect(footer.getByRole('link', { name: 'vinhdanh@example.vn' })).toHaveAttribute('href', 'mailto:vinhdanh@example.vn');
  await page.goto(`/en/rounds/${ROLL}`);
  await expect(page.getByTestId('site-banner')).toHaveText("ỦY BAN NHÂN DÂN QUẬN 7 · District 7 People's Committee");
  await expect(page.getByRole('contentinfo').getByText('Home Affairs Office of District 7 (Phòng Nội vụ Quận 7)')).toBeVisible();
});

test('award forms and authorities in /en and /ko through the glossary, the Vietnamese beside', async ({ page, request }) => {
  await page.goto(`/en/rounds/${ROLL}`);
  await expect(page.getByText("Awarded by: Chairman of District 7 People's Committee (Chủ tịch UBND Quận 7)")).toBeVisible();
  await expect(page.getByText('Award: Certificate of Merit (Giấy khen)')).toBeVisible();
  await expect(page.locator('span[lang="vi"]', { hasText: '(Giấy khen)' })).toHaveCount(1);
  await page.goto(`/ko/rounds/${ROLL}`);
  await expect(page.getByText('표창 형태: 표창장 (Giấy khen)')).toBeVisible();
  await expect(page.getByText('수여 기관: 7군 인민위원회 위원장 (Chủ tịch UBND Quận 7)')).toBeVisible();
  await page.goto('/en');
  await expect(page.getByText(/Chairman of District 7 People's Committee \(Chủ tịch UBND Quận 7\) · Certificate of Merit \(Giấy khen\)/).first()).toBeVisible();
  const [first] = (await (await request.get(`/api/public/rounds/${ROLL}/awards`)).json()) as Array<{ id: string }>;
  await page.goto(`/en/awards/${first.id}`);
  await expect(page.getByRole('definition').filter({ hasText: 'Chairman of District 7' })).toHaveText("Chairman of District 7 People's Committee (Chủ tịch UBND Quận 7)");
  // Vietnamese pages stay Vietnamese only.
  await page.goto(`/awards/${first.id}`);
  await expect(page.getByRole('definition').filter({ hasText: 'Chủ tịch UBND Quận 7' })).toHaveText('Chủ tịch UBND Quận 7');
});

test('the roll prints as a compact table under an official heading, on a few A4 pages', async ({ page }) => {
  await page.goto(`/rounds/${ROLL}`);
  // On screen the heading is not there (the banner is).
  const heading = page.getByTestId('print-heading');
  await expect(heading).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(heading).toBeVisible();
  await expect(heading).toContainText('ỦY BAN NHÂN DÂN QUẬN 7');
  await expect(heading).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await expect(heading).toContainText('Độc lập - Tự do - Hạnh phúc');
  await expect(page.getByText('Quyết định số 1234/QĐ-UBND ngày 24 tháng 5 năm 2024')).toBeVisible();
  await expect(page.getByRole('search')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Đi đến phần' })).toBeHidden();
  // One row per entry: number, name, position and unit; the summaries stay on screen.
  const first = page.locator('ol.roll > li').first();
  expect(await first.evaluate((li) => getComputedStyle(li).display)).toBe('grid');
  await expect(first.locator('p').nth(1)).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)!.length;
  expect(pages).toBeLessThanOrEqual(5);
});
