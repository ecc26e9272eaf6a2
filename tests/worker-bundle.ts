// The worker processes of the crash and quota-race tests, bundled once per test file with esbuild (the
// engine tsx uses): a worker then starts as plain node — about 0.9 s on two cores against 1.3 s under tsx's
// loader, 2.6 s through its CLI (a wrapper process) — and the tests spend their time in the workers' work.
// npm packages stay external: node loads them, with the react-server condition, as the app does.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const OUT_DIR = path.resolve('node_modules/.cache/vinh-danh-test-workers');

/** Bundles `entry` (a .ts file of tests/) into one ES module and returns the file to run with `node --conditions=react-server`. */
export async function bundleWorker(entry: string): Promise<string> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const outfile = path.join(OUT_DIR, `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.resolve(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['react-server'],
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
