// One TypeScript entry bundled by esbuild (~0.1 s, from the sources, so never stale) into an ES module that
// plain node runs: the import worker (lib/import-worker.mjs) and the tests' worker processes load it in
// ~0.5 s, against ~1.4 s when tsx compiles the files one by one as they load. npm packages stay external
// (node loads them, as the app does), so the file is kept inside node_modules/.cache, named by its hash:
// equal sources share one file, across processes and runs.
// Plain JavaScript: loaded without a TypeScript loader.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` (a path from the project's root) and returns the module's file. `conditions`: as node's --conditions. */
export async function bundleModule(entry, { conditions = [] } = {}) {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.resolve(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions,
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].contents;
  const hash = crypto.createHash('sha256').update(code).update(conditions.join()).digest('hex').slice(0, 16);
  const dir = path.join(ROOT, 'node_modules', '.cache', 'vinh-danh');
  const file = path.join(dir, `${path.basename(entry).replace(/\.[cm]?tsx?$/, '')}-${hash}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, file);
  }
  return file;
}
