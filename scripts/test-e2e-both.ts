// `npm run test:e2e:both` (the end of `npm test`): the whole end-to-end suite on SQLite (playwright.config.ts,
// one process) and on PostgreSQL (playwright.pg.config.ts, two processes behind one address) at the same time.
// Each run has its own database, port, uploads, sessions and results, so neither sees the other; each keeps
// one worker, its specs in order. A run drives one page at a time and waits on its server as much as it
// computes, so the two together take little more than the longer alone (issue 16: CI under 30 minutes).
// The application is built once, here, when stale; both runs serve that build. Each line of output names its
// run; the exit code fails if either run failed. Arguments go to both runs (e.g. a spec's name).
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { buildIsStale, runNext, waitForExit } from './lib';

function run(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`));
  }
  return waitForExit(child);
}

async function main() {
  const args = process.argv.slice(2);
  if (buildIsStale()) {
    console.log('… Building the application once for both runs (next build)');
    const code = await waitForExit(runNext(['build']));
    if (code !== 0) process.exit(code);
  }
  const started = Date.now();
  const tsx = 'node_modules/tsx/dist/cli.mjs';
  const [sqlite, postgres] = await Promise.all([
    // A spec named in the arguments may be in one run only (e2e/cluster.spec.ts): the other then has nothing to do.
    run('sqlite', ['node_modules/@playwright/test/cli.js', 'test', ...(args.length ? ['--pass-with-no-tests'] : []), ...args]),
    run('postgres', [tsx, 'scripts/test-e2e-pg.ts', ...(args.length ? ['--pass-with-no-tests'] : []), ...args]),
  ]);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\nend-to-end: SQLite ${sqlite === 0 ? 'passed' : `FAILED (exit ${sqlite})`}, PostgreSQL ${postgres === 0 ? 'passed' : `FAILED (exit ${postgres})`} — ${minutes} min together`);
  process.exit(sqlite || postgres);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
