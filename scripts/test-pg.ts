// `npm run test:pg`: the whole vitest suite again, on PostgreSQL (issue 16). The server is TEST_PG_URL, or
// the local one over its Unix socket; .ci/run installs and starts one. Without TEST_PG_URL and without a
// local server, `npm test` says so plainly and runs the SQLite suite only (a user with only Node).
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { pgServerUrl } from '@/tests/pg';

async function main() {
  const url = pgServerUrl();
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
    await probe.end();
  } catch (e) {
    if (process.env.TEST_PG_URL || process.env.CI) {
      console.error(`test:pg: PostgreSQL did not answer at ${url.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).message}`);
      process.exit(1);
    }
    console.log('\n⚠ test:pg: no PostgreSQL server here (set TEST_PG_URL, or install one: see README) — the PostgreSQL run of the suite was NOT done.\n');
    return;
  }
  const args = process.argv.slice(2);
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url, TEST_PG_URL: url },
  });
  process.exit(run.status ?? 1);
}

void main();
