// The end-to-end suite on PostgreSQL with two app processes behind one address (issue 16), run by
// `npm run test:e2e:pg` (scripts/test-e2e-pg.ts, which names the database in DATABASE_URL and sets E2E_PORT).
// e2e/cluster.spec.ts (what one process writes, the other reads at once; sessions across processes) and the
// journeys that cross every layer — sign-in, and the workflow from a new round to publication and revocation —
// with requests alternating between the two processes. The whole suite runs on SQLite (npm run test:e2e); the
// same lib/ runs under both, and the vitest suite covers every data-layer path on PostgreSQL. Keeping this run
// to these journeys keeps CI under 30 minutes.
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
      testMatch: /(cluster|workflow|sign-in|eligibility|proposals)\.spec\.ts/,
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
