// `npm run test:e2e:pg`: the end-to-end journeys on PostgreSQL, two app processes behind one address
// (playwright.pg.config.ts). Creates the e2e database on the test server when missing (LC_COLLATE 'C');
// serve-cluster empties and seeds it. Without a server (and without TEST_PG_URL or CI) it says so and stops.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { createDatabaseSql, pgServerUrl, withDatabase } from '@/tests/pg';

// E2E_PG_DATABASE: another name, for two runs on one server at once.
const E2E_DB = process.env.E2E_PG_DATABASE || 'vinhdanh_e2e';

async function main() {
  const server = pgServerUrl();
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    if (process.env.TEST_PG_URL || process.env.CI) {
      console.error(`test:e2e:pg: PostgreSQL did not answer: ${(e as Error).message}`);
      process.exit(1);
    }
    console.log('\n⚠ test:e2e:pg: no PostgreSQL server here (set TEST_PG_URL, or install one: see README) — the PostgreSQL end-to-end run was NOT done.\n');
    return;
  }
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [E2E_DB]);
  if (!rowCount) await admin.query(createDatabaseSql(E2E_DB));
  await admin.end();
  const run = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', 'playwright.pg.config.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: withDatabase(server, E2E_DB), E2E_PORT: process.env.E2E_PORT_PG || '3300' },
  });
  process.exit(run.status ?? 1);
}

void main();
