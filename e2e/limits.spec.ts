// Limits at the edge, against the built server: the documented upload sizes hold exactly, a larger body
// gets a 413 in the user's language (never "Unexpected end of form" and a 500), and a path with malformed
// percent-encoding gets a 400 page (JSON under /api) instead of a bare 500.
import { expect, test } from '@playwright/test';
import { storageStateOf } from './pages/login-page';
import { createRound, moveRound, pageAs } from './pages/round-admin';
import { NOMINEE_UNIT, onDisk } from './pages/nomination';

const MB = 1024 * 1024;
const stamp = Date.now().toString(36);

/** A structurally valid PDF of exactly `size` bytes. */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%');
  const tail = Buffer.from('\ntrailer<<>>\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x30), tail]);
}

test.describe('malformed percent-encoding', () => {
  for (const [path, lang, title] of [
    ['/en/%FF', 'en', 'Invalid address'],
    ['/%FF', 'vi', 'Địa chỉ không hợp lệ'],
    ['/awards/%FF', 'vi', 'Địa chỉ không hợp lệ'],
    ['/rounds/%FF/awards.csv', 'vi', 'Địa chỉ không hợp lệ'],
    ['/en/%', 'en', 'Invalid address'],
    ['/ko/units/%E0%A4%A', 'ko', '잘못된 주소'],
  ] as const) {
    test(`${path} → 400 with the app's page in ${lang}`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res!.status()).toBe(400);
      expect(res!.headers()['content-type']).toContain('text/html');
      expect(res!.headers()['x-content-type-options']).toBe('nosniff');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.getByRole('link')).toHaveAttribute('href', lang === 'vi' ? '/' : `/${lang}`);
    });
  }

  test('/api/attachments/%FF → 400 JSON', async ({ request }) => {
    for (const path of ['/api/attachments/%FF', '/api/public/rounds/%C0%AF/awards']) {
      const res = await request.get(path);
      expect(res.status()).toBe(400);
      expect(res.headers()['content-type']).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: 'bad_request' });
    }
  });

  test('well-formed escapes still work', async ({ request }) => {
    expect((await request.get('/en/search?q=%C4%91%E1%BB%A9c')).status()).toBe(200);
    expect((await request.get('/awards/%61%62')).status()).toBe(404);
  });
});

test.describe('request body limits', () => {
  test('a body over the limit gets 413 in the user language, for a form post and for an action', async ({ request }) => {
    const big = { name: 'lon.pdf', mimeType: 'application/pdf', buffer: pdfOf(22 * MB) };
    const page = await request.post('/en/manage/nominations/1', { multipart: { file: big } });
    expect(page.status()).toBe(413);
    expect(await page.text()).toContain('The data sent is larger than 21 MB and was not accepted; nothing was saved.');
    const action = await request.post('/manage/nominations/1', { multipart: { file: big }, headers: { 'next-action': '0'.repeat(42) } });
    expect(action.status()).toBe(413);
    expect(action.headers()['content-type']).toBe('text/plain');
    expect(await action.text()).toContain('Dữ liệu gửi lên vượt quá 21 MB nên không được nhận');
  });

  test('a 10,485,760-byte PDF attaches; one byte more is refused with a message before sending', async ({ browser }) => {
    test.setTimeout(180_000);
    const admin = await pageAs(browser, 'admin');
    const round = `Giới hạn tệp ${stamp}`;
    const roundUrl = await createRound(admin, { title: round, criteria: 'Thử giới hạn tệp.' });
    await moveRound(admin, roundUrl, 'Đang nhận đề nghị');
    await admin.context().close();

    const page = await pageAs(browser, 'officer');
    await page.goto('/manage/nominations/new');
    await page.getByLabel('Đợt khen thưởng').selectOption({ label: round });
    await page.getByRole('radio', { name: 'Cá nhân' }).check();
    await page.getByLabel(NOMINEE_UNIT).selectOption({ label: 'Phường Tân Phong' });
    await page.getByLabel('Họ và tên', { exact: true }).fill(`Lê Văn Tệp Lớn ${stamp}`);
    await page.getByLabel('Chức vụ').fill('Tổ viên');
    await page.getByRole('textbox', { name: 'Tóm tắt thành tích' }).fill('Thử tải tệp đúng giới hạn 10 MB.');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page).toHaveURL(/\/manage\/nominations\/\d+$/);

    const file = page.getByLabel('Chọn tệp (PDF, DOCX, JPEG, PNG; tối đa 10 MB)');
    await file.setInputFiles(onDisk('Biên bản\u202Efdp.exe', pdfOf(10 * MB + 1)));
    await expect(page.getByText('Tệp này lớn hơn 10 MB, mức tối đa cho phép.')).toBeVisible();
    expect(await file.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('Tệp này lớn hơn 10 MB, mức tối đa cho phép.');

    await file.setInputFiles(onDisk('Biên bản\u202Efdp.exe', pdfOf(10 * MB)));
    await expect(page.getByText('Tệp này lớn hơn 10 MB, mức tối đa cho phép.')).toHaveCount(0);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    // Stored under the cleaned name with the detected type's extension.
    const link = page.getByTestId('attachments').getByRole('link', { name: 'Biên bảnfdp.pdf', exact: true });
    await expect(link).toBeVisible({ timeout: 60_000 });
    const download = await page.request.get((await link.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toBe(`attachment; filename="Bien banfdp.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3nfdp.pdf`);
    expect((await download.body()).length).toBe(10 * MB);
    await page.context().close();
  });

  test.describe(() => {
    test.use({ storageState: storageStateOf('officer') });
    test('a 20 MB import file is read (dry run), not cut off', async ({ page }) => {
      test.setTimeout(240_000);
      const HEADER = 'Họ và tên,Giới tính,Năm sinh,Chức vụ,Đơn vị,Đảng viên';
      const position = 'Tổ trưởng tổ dân phố kiêm phụ trách công tác vận động nhân dân giữ gìn vệ sinh môi trường khu dân cư';
      const lines = ['\uFEFF' + HEADER];
      let size = Buffer.byteLength(lines[0]);
      for (let i = 0; size < 20 * MB - 400; i++) {
        const line = `Người Nhập ${stamp} ${i},${i % 2 ? 'Nam' : 'Nữ'},${1960 + (i % 40)},${position},Khu phố 2,Không`;
        lines.push(line);
        size += Buffer.byteLength(line) + 2;
      }
      const buffer = Buffer.from(lines.join('\r\n'));
      expect(buffer.length).toBeGreaterThan(20 * MB - 1000);
      expect(buffer.length).toBeLessThanOrEqual(20 * MB);
      await page.goto('/manage/import');
      await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Cá nhân' });
      await page.getByLabel('Tệp XLSX hoặc CSV (tối đa 20 MB)').setInputFiles(onDisk('ca-nhan-lon.csv', buffer));
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await expect(page.getByText(`Tệp hợp lệ: ${(lines.length - 1).toLocaleString('vi')} dòng sẵn sàng để nhập.`)).toBeVisible({ timeout: 200_000 });
    });
  });
});
