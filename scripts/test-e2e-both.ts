// `npm run test:e2e:both` (the end of `npm test`): the whole end-to-end suite on SQLite (playwright.config.ts,
// one process), then on PostgreSQL (playwright.pg.config.ts, two processes behind one address). Each run has its
// own database, port, uploads, sessions and results, so the two may also run at the same time (`--parallel`):
// on a 2-core machine that was slower than one after the other — three app processes and two browsers on two
// cores, 5 tests a minute together in the CI run of 2026-12-02 against ~10 for one suite alone.
// The application is built once, here, when stale; both runs serve that build. Each line of output names its
// run; the exit code fails if either run failed. Other arguments go to both runs (e.g. a spec's name).
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
  const parallel = process.argv.includes('--parallel');
  // `npm test` has type-checked the project just before (npm run typecheck): the build need not again.
  const typechecked = process.argv.includes('--typechecked');
  const args = process.argv.slice(2).filter((a) => a !== '--parallel' && a !== '--typechecked');
  if (buildIsStale()) {
    console.log(`… Building the application once for both runs (next build${typechecked ? ', types already checked' : ''})`);
    const code = await waitForExit(runNext(['build'], typechecked ? { ...process.env, VINHDANH_TYPECHECKED: '1' } : process.env));
    if (code !== 0) process.exit(code);
  }
  const started = Date.now();
  const tsx = 'node_modules/tsx/dist/cli.mjs';
  // A spec named in the arguments may be in one run only (e2e/cluster.spec.ts): the other then has nothing to do.
  const some = args.length ? ['--pass-with-no-tests'] : [];
  const runs: Array<() => Promise<number>> = [
    () => run('sqlite', ['node_modules/@playwright/test/cli.js', 'test', ...some, ...args]),
    () => run('postgres', [tsx, 'scripts/test-e2e-pg.ts', ...some, ...args]),
  ];
  const [sqlite, postgres] = parallel ? await Promise.all(runs.map((r) => r())) : [await runs[0](), await runs[1]()];
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\nend-to-end: SQLite ${sqlite === 0 ? 'passed' : `FAILED (exit ${sqlite})`}, PostgreSQL ${postgres === 0 ? 'passed' : `FAILED (exit ${postgres})`} — ${minutes} min${parallel ? ' together' : ''}`);
  process.exit(sqlite || postgres);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
