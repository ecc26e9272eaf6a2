// Screens for daily use (issue 13): the round's rules where the work happens, the office's progress per unit
// whose counts match the lists they open, the list's search/sort/export, readable history, one date format,
// the app's own error pages — at 360 px and 1280 px, with no axe violation on the new screens.
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, test, type Page } from '@playwright/test';
import { pageAs as as } from './pages/round-admin';
import { NOMINEE_UNIT, onDisk } from './pages/nomination';

const WIDTHS = [360, 1280] as const;

async function noAxeViolations(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${name}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

async function noSidewaysScroll(page: Page, name: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, name).toBeLessThanOrEqual(0);
}

for (const width of WIDTHS) {
  test(`the office's dashboard: every count opens a list of that many nominations (${width} px)`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await as(browser, 'reviewer');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage');
    const table = page.locator('table[data-testid^="progress-"]').first();
    await expect(table).toBeVisible();
    await noAxeViolations(page, 'dashboard');
    await noSidewaysScroll(page, 'dashboard');
    // A sample of links (every status column of the first rows, and the row totals) against their lists.
    // Every round's table: a round early in its life has few non-zero counts.
    const links = await page.locator('table[data-testid^="progress-"] tbody a[data-status]').evaluateAll((as) => as.slice(0, 8).map((a) => ({ href: a.getAttribute('href')!, n: Number(a.textContent) })));
    expect(links.length).toBeGreaterThan(2);
    for (const { href, n } of links) {
      await page.goto(href);
      await expect(page.getByTestId('nominations-total'), href).toHaveText(`${n} đề nghị`);
    }
    await page.context().close();
  });

  test(`the officer sees the round's rules on the dashboard and the nomination form (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'officer');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage');
    const rules = page.getByTestId('round-rules').first();
    await expect(rules.getByTestId('round-deadline')).toContainText(/Hạn gửi đề nghị: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expect(rules.getByTestId('round-deadline')).toContainText(/còn \d+ ngày|hôm nay là ngày cuối/);
    await noAxeViolations(page, 'officer dashboard');
    await noSidewaysScroll(page, 'officer dashboard');
    await page.goto('/manage/nominations/new');
    const form = page.getByTestId('round-rules').first();
    await form.getByText('Tiêu chuẩn khen thưởng').click();
    await expect(form.getByTestId('round-criteria')).not.toHaveText('—');
    await expect(form.getByTestId('round-deadline')).toBeVisible();
    await noAxeViolations(page, 'new nomination');
    await noSidewaysScroll(page, 'new nomination');
    await page.context().close();
  });

  test(`the rounds list has deadline and status columns; dates read dd/mm/yyyy (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'admin');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage/rounds');
    await expect(page.getByRole('columnheader', { name: 'Hạn gửi' })).toBeVisible();
    await expect(page.getByTestId('round-closes').filter({ hasText: /\d{2}\/\d{2}\/\d{4}/ }).first()).toBeVisible();
    await expect(page.locator('[data-status="open"]').first()).toBeVisible();
    await noAxeViolations(page, 'rounds');
    await noSidewaysScroll(page, 'rounds');
    await page.context().close();
  });

  test(`the audit trail reads as sentences, with changes in words (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'admin');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage/audit?action=nomination.return');
    const first = page.getByTestId('audit-table').locator('tbody tr').first();
    await expect(first.locator('td[data-action]')).toContainText('trả lại hồ sơ:');
    await expect(first).toContainText('Trạng thái: ');
    await expect(first).not.toContainText('{"status"');
    await expect(first.locator('td').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await noAxeViolations(page, 'audit');
    await noSidewaysScroll(page, 'audit');
    await page.context().close();
  });
}

test('the nominations list: search without diacritics, sort by name, export exactly what is shown', async ({ browser }) => {
  const page = await as(browser, 'reviewer');
  await page.goto('/manage/nominations');
  await page.getByLabel('Tìm theo tên').fill('nguyen');
  await page.getByLabel('Sắp xếp').selectOption({ label: 'Theo tên (A–Z)' });
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/q=nguyen/);
  const names = await page.locator('table tbody tr td:first-child a').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(names.every((n) => n.startsWith('Nguyễn') || n.toLowerCase().includes('nguy'))).toBe(true);
  const total = Number((await page.getByTestId('nominations-total').textContent())!.replace(/\D/g, ''));
  await expect(page.getByRole('columnheader', { name: 'Ngày gửi' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải danh sách này (XLSX)' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const ws = wb.worksheets[0];
  expect(ws.rowCount - 1).toBe(total);
  // The same order as the page.
  expect([2, 3, 4].map((r) => String(ws.getRow(r).getCell(2).value ?? '')).slice(0, names.length)).toEqual(names.slice(0, 3));
  await noAxeViolations(page, 'nominations list');
  await page.context().close();
});

test('a nomination shows its history in sentences and its status badge by meaning', async ({ browser }) => {
  const page = await as(browser, 'reviewer');
  await page.goto('/manage/nominations?status=returned');
  await page.locator('table tbody tr td:first-child a').first().click();
  await expect(page.getByTestId('nomination-status')).toHaveAttribute('data-status', 'returned');
  await expect(page.getByTestId('latest-return')).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('trả lại hồ sơ:');
  await expect(page.getByTestId('timeline')).not.toContainText('nomination.');
  await noAxeViolations(page, 'nomination');
  await page.context().close();
});

test('unknown pages inside the staff area and in English or Korean get the app’s own not-found page', async ({ browser }) => {
  const page = await as(browser, 'officer');
  for (const [path, title] of [['/manage/khong-co', 'Không tìm thấy trang'], ['/en/khong-co', 'Page not found'], ['/ko/khong-co', '페이지를 찾을 수 없습니다']] as const) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  }
  await page.context().close();
});

for (const width of WIDTHS) {
  test(`every certificate of a round on one page, with the signer's title; printing gives N pages for N awards (${width} px)`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await as(browser, 'admin');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage/rounds');
    await page.getByRole('link', { name: /Sơ kết 3 năm thực hiện Kết luận 01-KL\/TW/ }).first().click();
    await page.getByRole('link', { name: 'In tất cả giấy khen (một trang)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('In tất cả giấy khen của đợt');
    const n = await page.getByTestId('certificate').count();
    expect(n).toBeGreaterThan(100); // 70 collectives and 78 individuals, less any revoked by other specs
    await expect(page.getByTestId('certificate-count')).toHaveText(`${n} giấy khen, mỗi giấy một trang A4 ngang`);
    await expect(page.getByTestId('signer-title').first()).toHaveText('CHỦ TỊCH');
    await expect(page.getByTestId('certificate').first()).toContainText(/ngày \d{2} tháng \d{1,2} năm \d{4}/);
    if (width === 1280) {
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(n);
    } else {
      await noSidewaysScroll(page, 'certificates');
      await noAxeViolations(page, 'certificates');
    }
    await page.context().close();
  });
}

for (const width of WIDTHS) {
  test(`a refused form keeps what was typed and names the field at fault (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'admin');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage/rounds/new');
    const title = `Đợt thử giữ dữ liệu ${width} ${Date.now().toString(36)}`;
    await page.getByLabel('Tên đợt').fill(title);
    await page.getByLabel('Giai đoạn').fill('2026');
    await page.getByLabel('Cấp khen (thẩm quyền)').fill('Chủ tịch UBND Quận 7');
    await page.getByLabel('Tiêu chuẩn').fill('Tiêu chuẩn dài gõ tay không được mất.');
    await page.getByLabel('Bắt đầu nhận đề nghị').fill('2026-12-20');
    await page.getByLabel('Hạn nhận đề nghị').fill('2026-12-10');
    await page.getByRole('button', { name: 'Lưu đợt (bản nháp)' }).click();
    const closes = page.getByLabel('Hạn nhận đề nghị');
    await expect(closes).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#windowClosesAt-error, [data-field-error]').first()).toContainText('Hạn nhận đề nghị');
    await expect(page.locator('form').getByRole('alert')).toContainText('Kiểm tra lại ô “Hạn nhận đề nghị”');
    await expect(page.getByLabel('Tên đợt')).toHaveValue(title);
    await expect(page.getByLabel('Tiêu chuẩn')).toHaveValue('Tiêu chuẩn dài gõ tay không được mất.');
    await expect(closes).toHaveValue('2026-12-10');
    await expect(page).toHaveURL(/\/manage\/rounds\/new$/);
    await noAxeViolations(page, 'refused round form');
    await page.context().close();
  });

  test(`saving after the session expired says so in Vietnamese, keeps the text and offers sign-in back to the page (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'admin');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage/rounds/new');
    await page.getByLabel('Tên đợt').fill('Đợt gõ dở khi hết phiên');
    await page.getByLabel('Giai đoạn').fill('2026');
    await page.getByLabel('Cấp khen (thẩm quyền)').fill('Chủ tịch UBND Quận 7');
    await page.getByLabel('Tiêu chuẩn').fill('Nội dung dài đã gõ.');
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Lưu đợt (bản nháp)' }).click();
    const alert = page.locator('form').getByRole('alert');
    await expect(alert).toContainText('Phiên đăng nhập đã hết hạn');
    await expect(page.getByLabel('Tên đợt')).toHaveValue('Đợt gõ dở khi hết phiên');
    await expect(page.getByLabel('Tiêu chuẩn')).toHaveValue('Nội dung dài đã gõ.');
    await expect(alert.getByRole('link', { name: 'Đăng nhập lại (thẻ mới)' })).toHaveAttribute('href', '/login?callbackUrl=%2Fmanage%2Frounds%2Fnew');
    await page.context().close();
  });

  test(`a file over 10 MB is refused before it is sent, with a clear message (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'officer');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage/nominations?status=draft');
    await page.locator('table tbody tr td:first-child a').first().click();
    let posted = false;
    page.on('request', (r) => { if (r.method() === 'POST') posted = true; });
    const file = page.getByLabel('Chọn tệp (PDF, DOCX, JPEG, PNG; tối đa 10 MB)');
    await file.setInputFiles(onDisk('Biên bản lớn.pdf', Buffer.alloc(11 * 1024 * 1024, 0x25)));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.locator('form').getByRole('alert').first()).toContainText('Tệp này lớn hơn 10 MB, mức tối đa cho phép.');
    await expect(file).toHaveAttribute('aria-invalid', 'true');
    expect(posted).toBe(false);
    await page.context().close();
  });
}

const OPEN_ROUND = 'Điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

for (const width of WIDTHS) {
  test(`one nomination form: a file attached at creation and sent in one step; a similar name is warned about (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'officer');
    await page.setViewportSize({ width, height: 900 });
    const name = `Quách Thị Một Bước ${width} ${Date.now().toString(36)}`;
    // The officer's clicks, counted: 1 "Tạo đề nghị", 2 the name field, 3 the summary, 4 "Chọn tệp" (and the
    // file picked in the browser's dialog), 5 "Lưu và gửi đề nghị", 6 OK in the confirmation.
    await page.goto('/manage');
    await page.getByRole('link', { name: 'Tạo đề nghị' }).first().click();
    await expect(page).toHaveURL(/\/manage\/nominations\/new$/);
    await page.getByLabel('Đợt khen thưởng').selectOption({ label: OPEN_ROUND });
    await expect(page.getByRole('radio', { name: 'Cá nhân' })).toBeChecked();
    await page.getByLabel(NOMINEE_UNIT).selectOption({ label: 'Phường Tân Phong' });
    await page.getByLabel('Họ và tên', { exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Gương mẫu, tích cực trong phong trào thi đua của khu phố.');
    await page.getByLabel('Chọn tệp (PDF, DOCX, JPEG, PNG; tối đa 10 MB)').setInputFiles({ name: 'Biên bản bình xét.pdf', mimeType: 'application/pdf', buffer: PDF });
    await noAxeViolations(page, 'one nomination form');
    await noSidewaysScroll(page, 'one nomination form');
    await page.getByRole('button', { name: 'Lưu và gửi đề nghị' }).click();
    await expect(page.getByTestId('nomination-status')).toHaveText('Đã gửi');
    await expect(page.getByTestId('attachments').getByRole('link', { name: 'Biên bản bình xét.pdf', exact: true })).toBeVisible();

    // The same person typed again (no diacritics, words in another order): warned on the form, refused until confirmed.
    await page.goto('/manage/nominations/new');
    await page.getByLabel('Đợt khen thưởng').selectOption({ label: OPEN_ROUND });
    await page.getByLabel(NOMINEE_UNIT).selectOption({ label: 'Phường Tân Phong' });
    const folded = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    await page.getByLabel('Họ và tên', { exact: true }).fill(folded);
    await expect(page.getByTestId('similar-names')).toContainText(name);
    await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Bản nháp để thử xóa.');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.locator('form').getByRole('alert')).toContainText(`Đã có trong đơn vị người/tập thể trùng tên: ${name}.`);
    await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue(folded);
    await page.getByLabel('Vẫn tạo mới (đây là người/tập thể khác)').check();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByTestId('nomination-status')).toHaveText('Bản nháp');
    // Every nominee field is editable on the draft; a draft can be deleted.
    await expect(page.getByLabel('Họ và tên', { exact: true })).toHaveValue(folded);
    await expect(page.getByLabel('Năm sinh')).toBeEditable();
    await noAxeViolations(page, 'draft dossier');
    await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
    await expect(page).toHaveURL(/\/manage\/nominations$/);
    await page.context().close();
  });

  test(`a dossier downloads as one ZIP (summary DOCX and its files); a PDF opens in the browser with "xem" (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'officer');
    await page.setViewportSize({ width, height: 900 });
    const name = `Kha Văn Hồ Sơ ${width} ${Date.now().toString(36)}`;
    await page.goto('/manage/nominations/new');
    await page.getByLabel('Đợt khen thưởng').selectOption({ label: OPEN_ROUND });
    await page.getByLabel(NOMINEE_UNIT).selectOption({ label: 'Phường Tân Phong' });
    await page.getByLabel('Họ và tên', { exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Hồ sơ đủ để tải về một lần.');
    await page.getByLabel('Chọn tệp (PDF, DOCX, JPEG, PNG; tối đa 10 MB)').setInputFiles({ name: 'Biên bản.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByTestId('nomination-status')).toHaveText('Bản nháp');
    const zipHref = (await page.getByRole('link', { name: 'Tải hồ sơ (ZIP)' }).getAttribute('href'))!;
    const res = await page.request.get(zipHref);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('zip');
    const zip = await JSZip.loadAsync(await res.body());
    expect(Object.keys(zip.files).filter((f) => !f.endsWith('/')).sort()).toEqual(['tep-dinh-kem/Biên bản.pdf', 'tom-tat-ho-so.docx']);
    expect(Buffer.from(await zip.file('tep-dinh-kem/Biên bản.pdf')!.async('uint8array')).equals(PDF)).toBe(true);
    const docx = await JSZip.loadAsync(await zip.file('tom-tat-ho-so.docx')!.async('uint8array'));
    expect(await docx.file('word/document.xml')!.async('string')).toContain(name);
    const viewHref = (await page.getByRole('link', { name: 'Xem Biên bản.pdf trong trình duyệt' }).getAttribute('href'))!;
    const view = await page.request.get(viewHref);
    expect(view.headers()['content-disposition']).toMatch(/^inline;/);
    await noSidewaysScroll(page, 'dossier page');
    await page.context().close();
  });

  test(`the approver's round page explains what waits for them before the round is in review (${width} px)`, async ({ browser }) => {
    const page = await as(browser, 'approver');
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/manage/rounds');
    await page.getByRole('link', { name: OPEN_ROUND }).first().click();
    await expect(page).toHaveURL(/\/manage\/rounds\/\d+$/);
    await expect(page.getByTestId('round-status')).toHaveText('Trạng thái: Đang nhận đề nghị');
    await expect(page.getByTestId('staff-round-note')).toContainText('Hội đồng biểu quyết khi đợt chuyển sang giai đoạn xét duyệt');
    await expect(page.getByTestId('round-rules')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Các đề nghị của đợt' })).toBeVisible();
    await noAxeViolations(page, 'staff round page');
    await noSidewaysScroll(page, 'staff round page');
    await page.context().close();
  });
}
