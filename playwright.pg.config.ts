// The whole end-to-end suite on PostgreSQL with two app processes behind one address (issue 16), run by
// `npm run test:e2e:pg` (scripts/test-e2e-pg.ts, which names the database in DATABASE_URL and sets E2E_PORT),
// and by `npm test` at the same time as the SQLite run (scripts/test-e2e-both.ts). Every spec of
// playwright.config.ts, with requests alternating between the two processes, plus e2e/cluster.spec.ts, which
// talks to each process directly too (what one process writes, the other reads at once; one page, the same
// bytes from both; sessions across processes).
import { defineConfig } from '@playwright/test';
import base, { baseURL } from './playwright.config';

const port = Number(new URL(baseURL).port);
const DATABASE_URL = process.env.DATABASE_URL ?? '';
// Sessions, results and uploads named after the database (vinhdanh_e2e; E2E_PG_DATABASE gives another), so this
// run and the SQLite run — or two runs on two databases — may go at once (scripts/test-e2e-both.ts).
const run = /^postgres(ql)?:\/\//i.test(DATABASE_URL) ? new URL(DATABASE_URL).pathname.slice(1) : 'postgres';
process.env.E2E_DATABASE_URL = DATABASE_URL;
process.env.E2E_AUTH_DIR = `e2e/.auth/${run}`;

export default defineConfig({
  ...base,
  testIgnore: [],
  outputDir: `test-results/${run}`,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: `playwright-report/${run}` }]],
  webServer: {
    ...(base.webServer as object),
    command: 'npx tsx scripts/serve-cluster.ts --fresh-db --processes 2',
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      DATABASE_URL,
      AUTH_SECRET: 'e2e-secret-not-for-production-0123456789abcdef',
      // Both processes read and write the same uploads (a shared directory: README, several processes).
      UPLOADS_DIR: `.e2e/uploads-${run}`,
      IMPORTS_DIR: `.e2e/imports-${run}`,
    },
  },
});
