// Public consultation: the proposed list and deadline are public while the round is in review;
// anyone may comment (rate-limited); reviewers read the comments beside the nomination.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { nominate } from './pages/nomination';
import { createRound, moveRound, pageAs } from './pages/round-admin';

const stamp = Date.now().toString(36);
const ROUND = `Lấy ý kiến thử nghiệm ${stamp}`;
const GROUP = `Tổ dân phố Thử nghiệm ${stamp}`;

test('a consultation round shows its proposed list and takes public comments', async ({ browser }) => {
  const admin = await pageAs(browser, 'admin');
  const roundUrl = await createRound(admin, { title: ROUND, criteria: 'Tiêu biểu năm 2026.', consultation: true });
  await moveRound(admin, roundUrl, 'Đang nhận đề nghị');
  const officer = await pageAs(browser, 'officer');
  const nominationUrl = await nominate(officer, ROUND, 'Tập thể', GROUP);
  await officer.context().close();
  await moveRound(admin, roundUrl, 'Đang xét duyệt');
  const href = await admin.getByRole('link', { name: 'Trang lấy ý kiến nhân dân' }).getAttribute('href');
  await admin.context().close();

  const pub = await browser.newPage();
  const res = await pub.goto(href!);
  expect(res?.status()).toBe(200);
  await expect(pub.getByTestId('proposed-list')).toContainText(GROUP);
  await expect(pub.getByTestId('consultation-deadline')).toContainText('Hạn góp ý:');
  await pub.getByLabel('Họ tên (không bắt buộc)').fill('Người dân khu phố');
  await pub.getByLabel(/Nội dung ý kiến/).fill('Tổ dân phố luôn gương mẫu, <b>đồng ý</b> khen thưởng.');
  await pub.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await expect(pub.locator('form').getByRole('status')).toHaveText('Cảm ơn bạn đã góp ý.');
  // Five comments an hour per address; the sixth is refused with a message. A client that claims
  // another address in X-Forwarded-For each time is still counted by its socket address.
  for (let i = 0; i < 5; i++) {
    await pub.setExtraHTTPHeaders({ 'x-forwarded-for': `203.0.113.${i + 10}` });
    // React resets the form when the previous action has finished: only then type the next comment
    // (typing earlier lost the text to that reset and the comment was never sent).
    await expect(pub.getByLabel(/Nội dung ý kiến/)).toHaveValue('');
    await pub.getByLabel(/Nội dung ý kiến/).fill(`Ý kiến số ${i + 2}`);
    // The first comment's status stays on screen: wait for this comment's own answer before the next.
    await Promise.all([pub.waitForResponse((r) => r.request().method() === 'POST'), pub.getByRole('button', { name: 'Gửi ý kiến' }).click()]);
    await expect(pub.getByRole('button', { name: 'Gửi ý kiến' })).toBeEnabled();
    await expect(pub.locator('form').getByRole(i < 4 ? 'status' : 'alert')).toBeVisible();
  }
  await expect(pub.locator('form').getByRole('alert')).toHaveText('Bạn thao tác quá nhanh, vui lòng thử lại sau.');
  await pub.close();

  // The consultation page is public: accessible in all three languages (e2e/accessibility.spec.ts has the others).
  const a11y = await (await browser.newContext()).newPage();
  for (const prefix of ['', '/en', '/ko']) {
    await a11y.goto(`${prefix}${href}`);
    const { violations } = await new AxeBuilder({ page: a11y }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.map((v) => `${prefix}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await a11y.context().close();

  const reviewer = await pageAs(browser, 'reviewer');
  await reviewer.goto(nominationUrl);
  const fb = reviewer.getByTestId('public-feedback');
  await expect(fb).toContainText('Người dân khu phố');
  // Stored as text, shown as text: markup never renders.
  await expect(fb).toContainText('<b>đồng ý</b>');
  await expect(fb.locator('b')).toHaveCount(0);
  await expect(fb.getByRole('listitem')).toHaveCount(5);
  // Moderation: a reviewer hides a comment with a reason; the hiding is in the nomination's timeline.
  const first = fb.getByRole('listitem').first();
  await first.getByText('Ẩn ý kiến này', { exact: true }).first().click();
  await first.getByLabel('Lý do ẩn (ghi vào nhật ký)').fill('Thử ẩn ý kiến');
  await first.getByRole('button', { name: 'Ẩn ý kiến này' }).click();
  await expect(fb.getByRole('listitem')).toHaveCount(4);
  await expect(reviewer.getByTestId('timeline')).toContainText('ẩn một ý kiến nhân dân: Thử ẩn ý kiến');
  await reviewer.context().close();

  // Rounds without a consultation, and unknown slugs, have no consultation page.
  const anon = await browser.newPage();
  expect((await anon.goto('/rounds/so-ket-3-nam-ket-luan-01-2021-2024/consultation'))?.status()).toBe(404);
  await anon.close();
});
