import type { Page } from '@playwright/test';

export const DEMO_PASSWORD = 'vinhdanh-demo';
export const ROLES = ['admin', 'reviewer', 'approver', 'officer', 'officer2'] as const;
export type DemoUser = (typeof ROLES)[number];
// Each engine's run keeps its own sessions (the two runs may go at once: scripts/test-e2e-both.ts).
export const storageStateOf = (user: DemoUser) => `${process.env.E2E_AUTH_DIR || 'e2e/.auth'}/${user}.json`;

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(prefix = '') {
    await this.page.goto(`${prefix}/login`);
  }

  async signIn(username: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel(/Tên đăng nhập|Username|사용자 이름/).fill(username);
    await this.page.getByLabel(/Mật khẩu|Password|비밀번호/).fill(password);
    await this.page.getByRole('button', { name: /Đăng nhập|Sign in|로그인/ }).click();
  }
}
