// The end-to-end suite on PostgreSQL with two app processes behind one address (issue 16), run by
// `npm run test:e2e:pg` (scripts/test-e2e-pg.ts, which names the database in DATABASE_URL and sets E2E_PORT).
// The journeys that cover every layer (sign-in, the workflow to publication, import, review queue,
// registry, public pages) plus e2e/cluster.spec.ts, which reads through one process what the other wrote.
// The two specs that edit the SQLite file directly (public-cache, round-story) stay in the SQLite run.
import { defineConfig } from '@playwright/test';
import base, { baseURL } from './playwright.config';

const port = Number(new URL(baseURL).port);

export default defineConfig({
  ...base,
  testIgnore: [],
  projects: [
    base.projects![0],
    {
      ...base.projects![1],
      testMatch: /(cluster|workflow|sign-in|import|review-queue|registry|public-pages|honour-roll)\.spec\.ts/,
    },
  ],
  webServer: {
    ...(base.webServer as object),
    command: 'npx tsx scripts/serve-cluster.ts --fresh-db --processes 2',
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      AUTH_SECRET: 'e2e-secret-not-for-production-0123456789abcdef',
      // Both processes read and write the same uploads (a shared directory: README, several processes).
      UPLOADS_DIR: '.e2e/uploads-pg',
    },
  },
});
