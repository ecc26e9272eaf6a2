import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's chromium when present (no browser downloads here); Playwright's own browser otherwise. Its headless
// shell first (`apt-get install -y chromium-headless-shell`): the same engine without the full browser's UI
// process work, a quarter less time for the suite on two cores (daily-use.spec.ts: 3.4 → 2.6 min).
const SYSTEM_CHROMIUM = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const PORT = Number(process.env.E2E_PORT || 3100);
export const baseURL = `http://localhost:${PORT}`;
const DATABASE_URL = 'file:.e2e/e2e.db';
// What the specs read of the run, in the runner and in its workers (both load this file): the database a spec
// writes to as another process would (e2e/pages/database.ts), and where the signed-in sessions are kept.
// playwright.pg.config.ts sets its own, so that both runs may go at once (scripts/test-e2e-both.ts).
process.env.E2E_DATABASE_URL = DATABASE_URL;
process.env.E2E_AUTH_DIR = 'e2e/.auth/sqlite';

export default defineConfig({
  testDir: './e2e',
  // Several processes on PostgreSQL: playwright.pg.config.ts (npm run test:e2e:pg).
  testIgnore: /cluster\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  outputDir: 'test-results/sqlite',
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/sqlite' }]],
  // Journeys sign in (argon2) and build DOCX/XLSX/PDF on a 2-core machine: generous limits, real assertions.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: SYSTEM_CHROMIUM,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'] },
  ],
  webServer: {
    // A fresh database per run; the same start script a user runs (build only when stale).
    command: 'npx tsx scripts/start.ts --fresh-db',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATABASE_URL,
      AUTH_SECRET: 'e2e-secret-not-for-production-0123456789abcdef',
      UPLOADS_DIR: '.e2e/uploads',
      IMPORTS_DIR: '.e2e/imports',
    },
  },
});
