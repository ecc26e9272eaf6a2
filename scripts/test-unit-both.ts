// `npm run test:unit:both` (in `npm test`): the vitest suite on SQLite (`npm run test:unit`) and on PostgreSQL
// (`npm run test:pg`) at the same time. On a 2-core machine vitest runs one test file at a time (its default:
// one worker less than the cores), so the two runs side by side take about as long as the longer alone. They
// share nothing: SQLite tests use temporary files, PostgreSQL ones their own databases. Each line of output
// names its run; the exit code fails if either failed. Arguments go to both runs.
import { runLabelled } from './lib';

async function main() {
  const args = process.argv.slice(2);
  const started = Date.now();
  const [sqlite, postgres] = await Promise.all([
    runLabelled('sqlite', ['node_modules/vitest/vitest.mjs', 'run', ...args]),
    runLabelled('postgres', ['node_modules/tsx/dist/cli.mjs', 'scripts/test-pg.ts', ...args]),
  ]);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\nunit tests: SQLite ${sqlite === 0 ? 'passed' : `FAILED (exit ${sqlite})`}, PostgreSQL ${postgres === 0 ? 'passed' : `FAILED (exit ${postgres})`} — ${minutes} min together`);
  process.exit(sqlite || postgres);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
