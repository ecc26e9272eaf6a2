// Public pages rendered once per change of public data (issue 15): script-free (a stored <script> never runs,
// on any public page, in any language), cacheable by shared caches with an ETag that answers 304, and a change
// made by another process — here straight in the database (the SQLite file, or PostgreSQL) — shows on the very next request.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { withDatabase } from './pages/database';

const ROLL = 'so-ket-3-nam-ket-luan-01-2021-2024';
const INJECTED = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">';

/** An award of the demo roll (public id and unit slug) that no other test revokes. */
function anAward(): Promise<{ id: number; publicId: string; unit: string; unitId: number }> {
  return withDatabase(
    async (d) =>
      (await d.get<{ id: number; publicId: string; unit: string; unitId: number }>(
        `SELECT a.id, a.public_id AS "publicId", u.slug AS unit, u.id AS "unitId" FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id
         WHERE r.slug = ? AND a.revoked_at IS NULL AND a.nominee_kind = 'individual' ORDER BY a.ordinal DESC LIMIT 1`,
        [ROLL],
      ))!,
  );
}

test('a stored <script> in any public field does not run on any public page, in any language', async ({ page }) => {
  test.setTimeout(180_000); // 15 pages, each loaded twice
  const award = await anAward();
  const saved = await withDatabase(async (d) => {
    const before = {
      award: (await d.get<Record<string, string>>('SELECT name, summary, position, unit_name AS "unitName" FROM awards WHERE id = ?', [award.id]))!,
      round: (await d.get<Record<string, string>>('SELECT title, theme, authority FROM rounds WHERE slug = ?', [ROLL]))!,
      unit: (await d.get<{ name: string }>('SELECT name FROM units WHERE id = ?', [award.unitId]))!,
    };
    // Written by another process: the pages must show it on their next request (the version moved).
    await d.run("UPDATE awards SET name = name || ?, summary = summary || ?, position = coalesce(position, '') || ?, unit_name = unit_name || ? WHERE id = ?", [INJECTED, INJECTED, INJECTED, INJECTED, award.id]);
    await d.run('UPDATE rounds SET title = title || ?, theme = theme || ?, authority = authority || ? WHERE slug = ?', [INJECTED, INJECTED, INJECTED, ROLL]);
    await d.run('UPDATE units SET name = name || ? WHERE id = ?', [INJECTED, award.unitId]);
    return before;
  });
  const dialogs: string[] = [];
  page.on('dialog', (dlg) => {
    dialogs.push(dlg.message());
    void dlg.dismiss();
  });
  try {
    for (const prefix of ['', '/en', '/ko']) {
      for (const path of ['/', `/rounds/${ROLL}`, `/awards/${award.publicId}`, `/units/${award.unit}`, '/stats']) {
        const res = await page.goto(`${prefix}${path}`);
        expect(res!.status(), `${prefix}${path}`).toBe(200);
        // The same static CSP for every response of these pages: scripts of this origin only, no inline script.
        const script = res!.headers()['content-security-policy'].split(';').find((d) => d.trim().startsWith('script-src'));
        expect(script?.trim(), `${prefix}${path}`).toBe("script-src 'self'");
        // The text is shown as text, and nothing ran.
        await expect(page.getByText('window.__pwned = 1').first(), `${prefix}${path}`).toBeVisible();
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `${prefix}${path}`).toBeUndefined();
        // Neither the render itself (the first request after a change) nor the stored copy has an inline script;
        // the only script is (on the roll) the plain file of progressive enhancement.
        const expected = path.startsWith('/rounds/') ? ['/live-filter.js'] : [];
        const scripts = () => page.locator('script').evaluateAll((els) => els.map((el) => el.getAttribute('src') ?? `inline: ${el.textContent}`));
        // Their stylesheet comes inline (no render-blocking request on a phone's first visit), and the CSP lets
        // it apply: inline styles are allowed, inline scripts are not.
        const styled = () =>
          page.evaluate(() => ({
            links: document.querySelectorAll('link[rel="stylesheet"]').length,
            inline: document.querySelectorAll('head style').length,
            bodyDisplay: getComputedStyle(document.body).display, // `flex`, from the stylesheet
          }));
        const inline = { links: 0, inline: 1, bodyDisplay: 'flex' };
        expect(await scripts(), `${prefix}${path}`).toEqual(expected);
        expect(await styled(), `${prefix}${path}`).toEqual(inline);
        await page.reload();
        expect(await scripts(), `${prefix}${path}`).toEqual(expected);
        expect(await styled(), `${prefix}${path}`).toEqual(inline);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `${prefix}${path}`).toBeUndefined();
      }
    }
    expect(dialogs).toEqual([]);
  } finally {
    await withDatabase(async (r) => {
      await r.run('UPDATE awards SET name = ?, summary = ?, position = ?, unit_name = ? WHERE id = ?', [saved.award.name, saved.award.summary, saved.award.position, saved.award.unitName, award.id]);
      await r.run('UPDATE rounds SET title = ?, theme = ?, authority = ? WHERE slug = ?', [saved.round.title, saved.round.theme, saved.round.authority, ROLL]);
      await r.run('UPDATE units SET name = ? WHERE id = ?', [saved.unit.name, award.unitId]);
    });
  }
  await page.goto(`/rounds/${ROLL}`);
  await expect(page.getByText('window.__pwned')).toHaveCount(0);
});

/**
 * The first request after a change is rendered by Next.js and sent plain, under the plain bytes' ETag; the process
 * keeps compressed copies, each with its own ETag, and answers from them. Two requests: each app process behind the
 * address (the PostgreSQL run has two, taken in turn) has rendered and kept the path.
 */
async function renderedByEach(request: APIRequestContext, path: string) {
  for (let i = 0; i < 2; i++) expect((await request.get(path)).status(), path).toBe(200);
}

test('public pages are cacheable by shared caches and answer a conditional GET with 304 until the data changes', async ({ request }) => {
  const award = await anAward();
  for (const path of ['/', `/en/rounds/${ROLL}`, `/ko/awards/${award.publicId}`, `/units/${award.unit}`, '/en/stats']) {
    await renderedByEach(request, path);
    const first = await request.get(path);
    expect(first.status(), path).toBe(200);
    expect(first.headers()['cache-control'], path).toBe('public, max-age=0, s-maxage=1');
    expect(first.headers()['set-cookie'], path).toBeUndefined();
    const etag = first.headers()['etag'];
    expect(etag, path).toBeTruthy();
    const again = await request.get(path, { headers: { 'if-none-match': etag } });
    expect(again.status(), path).toBe(304);
    expect(await again.body()).toHaveLength(0);
  }
  // A change to the public data (another process's write) gives the roll new bytes and a new ETag at once.
  await renderedByEach(request, `/rounds/${ROLL}`);
  const first = await request.get(`/rounds/${ROLL}`);
  const etag = first.headers()['etag'];
  const theme = await withDatabase(async (d) => {
    const { theme } = (await d.get<{ theme: string }>('SELECT theme FROM rounds WHERE slug = ?', [ROLL]))!;
    await d.run('UPDATE rounds SET theme = ? WHERE slug = ?', [`${theme} (đã cập nhật)`, ROLL]);
    return theme;
  });
  try {
    const changed = await request.get(`/rounds/${ROLL}`, { headers: { 'if-none-match': etag } });
    expect(changed.status()).toBe(200);
    expect(changed.headers()['etag']).not.toBe(etag);
    expect(await changed.text()).toContain('(đã cập nhật)');
  } finally {
    await withDatabase((r) => r.run('UPDATE rounds SET theme = ? WHERE slug = ?', [theme, ROLL]));
  }
});

test('the public JSON API is cacheable like the pages: an ETag, 304, and a revocation by another process shows at once', async ({ request }) => {
  const award = await anAward();
  const awardsPath = `/api/public/rounds/${ROLL}/awards`;
  for (const path of ['/api/public/rounds', awardsPath]) {
    await renderedByEach(request, path);
    const first = await request.get(path);
    expect(first.status(), path).toBe(200);
    expect(first.headers()['content-type'], path).toMatch(/^application\/json/);
    expect(first.headers()['cache-control'], path).toBe('public, max-age=0, s-maxage=1');
    const etag = first.headers()['etag'];
    expect(etag, path).toBeTruthy();
    const again = await request.get(path, { headers: { 'if-none-match': etag } });
    expect(again.status(), path).toBe(304);
    expect(await again.body()).toHaveLength(0);
  }
  const ids = async () => ((await (await request.get(awardsPath)).json()) as Array<{ id: string }>).map((a) => a.id);
  expect(await ids()).toContain(award.publicId);
  const etag = (await request.get(awardsPath)).headers()['etag'];
  await withDatabase((d) => d.run('UPDATE awards SET revoked_at = ?, revoke_reason = ?, revoke_decision = ? WHERE id = ?', [d.now(), 'Kiểm thử thu hồi', '98/QĐ-UBND', award.id]));
  try {
    expect(await ids()).not.toContain(award.publicId);
    expect((await request.get(awardsPath, { headers: { 'if-none-match': etag } })).status()).toBe(200);
  } finally {
    await withDatabase((r) => r.run('UPDATE awards SET revoked_at = NULL, revoke_reason = NULL, revoke_decision = NULL WHERE id = ?', [award.id]));
  }
  expect(await ids()).toContain(award.publicId);
  // An unknown round is a 404, never kept.
  expect((await request.get('/api/public/rounds/khong-co-dot-nay/awards')).status()).toBe(404);
});

test('a revocation made by another process leaves the roll and marks the award page at once', async ({ page }) => {
  const award = await anAward();
  await page.goto(`/rounds/${ROLL}`);
  const entry = page.getByTestId('individuals-list').locator(`a[href="/awards/${award.publicId}"]`);
  await expect(entry).toHaveCount(1);
  await withDatabase((d) => d.run('UPDATE awards SET revoked_at = ?, revoke_reason = ?, revoke_decision = ? WHERE id = ?', [d.now(), 'Kiểm thử thu hồi', '99/QĐ-UBND', award.id]));
  try {
    await page.goto(`/rounds/${ROLL}`);
    await expect(entry).toHaveCount(0);
  } finally {
    await withDatabase((r) => r.run('UPDATE awards SET revoked_at = NULL, revoke_reason = NULL, revoke_decision = NULL WHERE id = ?', [award.id]));
  }
  await page.goto(`/rounds/${ROLL}`);
  await expect(entry).toHaveCount(1);
});

test('unknown pages of a roll and unknown slugs are not found', async ({ request }) => {
  expect((await request.get(`/rounds/${ROLL}?page=99`)).status()).toBe(404);
  expect((await request.get('/rounds/khong-co-dot-nay')).status()).toBe(404);
  expect((await request.get('/awards/0000000000000000')).status()).toBe(404);
});

test('an unknown slug shows the not-found page, in each language, under the same script-free CSP', async ({ page }) => {
  for (const [prefix, title] of [
    ['', 'Không tìm thấy trang'],
    ['/en', null],
    ['/ko', null],
  ] as const) {
    for (const path of ['/rounds/khong-co-dot-nay', '/awards/0000000000000000', '/units/khong-co']) {
      const res = await page.goto(`${prefix}${path}`);
      expect(res!.status(), `${prefix}${path}`).toBe(404);
      expect(res!.headers()['content-security-policy'], `${prefix}${path}`).toContain("script-src 'self';");
      // Rendered on the server and left alone: no script that could fail and blank it.
      expect(await page.locator('script').count(), `${prefix}${path}`).toBe(0);
      await expect(page.locator('main h1'), `${prefix}${path}`).toBeVisible();
      if (title) await expect(page.locator('main h1')).toHaveText(title);
      expect(await page.locator('html').getAttribute('lang')).toBe(prefix ? prefix.slice(1) : 'vi');
    }
  }
});
