// Documents of the 2021–2024 round, downloaded and read back: DOCX annex, XLSX list and report, public CSV,
// and a printable certificate with its verification QR code.
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { storageStateOf } from './pages/login-page';

const SLUG = 'so-ket-3-nam-ket-luan-01-2021-2024';

test.describe('as admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('the decision annex (DOCX) follows Decree 30 and lists 70 collectives then 78 individuals', async ({ request }) => {
    const t0 = Date.now();
    const res = await request.get(`/manage/rounds/${SLUG}/export/decision.docx`);
    expect(res.status()).toBe(200);
    console.log(`decision.docx: ${(await res.body()).length} bytes in ${Date.now() - t0} ms`);
    const xml = await (await JSZip.loadAsync(await res.body())).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 1234/QĐ-UBND', 'Quận 7, ngày 24 tháng 5 năm 2024', 'I. TẬP THỂ (70)', 'II. CÁ NHÂN (78)']) {
      expect(text).toContain(s);
    }
    expect(text.indexOf('I. TẬP THỂ')).toBeLessThan(text.indexOf('II. CÁ NHÂN'));
    // One heading row, then each list with its own header row.
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(1 + 71 + 79);
  });

  test('the award list (XLSX) and the round report read back with the same counts', async ({ request }) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await request.get(`/manage/rounds/${SLUG}/export/awards.xlsx`)).body()) as never);
    const kinds = wb.worksheets[0].getColumn(2).values.slice(3);
    expect(kinds.filter((k) => k === 'Tập thể')).toHaveLength(70);
    expect(kinds.filter((k) => k === 'Cá nhân')).toHaveLength(78);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await (await request.get(`/manage/rounds/${SLUG}/export/report.xlsx`)).body()) as never);
    const sheet = report.worksheets[0];
    const total = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(total.slice(1, 6)).toEqual(['Tổng cộng', 70, 70, 78, 78]);
  });

  test('the certificate carries the award and a QR code to its verification page', async ({ page, request }) => {
    const awards = await (await request.get(`/api/public/rounds/${SLUG}/awards`)).json();
    const person = awards.find((a: { kind: string }) => a.kind === 'individual');
    await page.goto(`/manage/awards/${person.id}/certificate`);
    const cert = page.getByRole('region', { name: `Giấy khen tặng ${person.name}` });
    await expect(cert).toContainText('Giấy khen');
    await expect(cert).toContainText('Chủ tịch UBND Quận 7');
    await expect(cert).toContainText(person.name);
    await expect(cert).toContainText('Số: 1234/QĐ-UBND');
    await expect(cert.getByRole('img', { name: 'Mã QR xác minh' }).locator('svg')).toBeVisible();
    await expect(cert).toContainText(`/awards/${person.id}`);
    // What the QR code opens: the public verification page.
    await page.goto(`/awards/${person.id}`);
    await expect(page.getByTestId('award-validity')).toHaveText('✓ Khen thưởng hợp lệ');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.name);
    await expect(page.getByText('1234/QĐ-UBND ngày 24 tháng 5 năm 2024')).toBeVisible();
    expect((await page.goto('/awards/0000000000000000'))?.status()).toBe(404);
    expect((await page.goto('/awards/not-an-id'))?.status()).toBe(404);
  });
});

test('officers and the public cannot download staff documents; the public CSV is open', async ({ browser, request }) => {
  const officer = await browser.newContext({ storageState: storageStateOf('officer') });
  expect((await officer.request.get(`/manage/rounds/${SLUG}/export/decision.docx`)).status()).toBe(404);
  await officer.close();
  expect((await request.get(`/manage/rounds/${SLUG}/export/awards.xlsx`)).status()).toBe(404);
  expect((await request.get(`/manage/rounds/hoc-tap-lam-theo-bac-2026/export/decision.docx`)).status()).toBe(404);
  const csv = await request.get(`/rounds/${SLUG}/awards.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines).toHaveLength(1 + 148);
  expect((await request.get('/rounds/hoc-tap-lam-theo-bac-2026/awards.csv')).status()).toBe(404);
});
