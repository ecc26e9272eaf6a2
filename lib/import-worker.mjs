// The import's worker thread: runs lib/import-work.ts so that reading, checking and writing a large
// spreadsheet never blocks the server's event loop.
// Messages in: { id, op: 'check' | 'import', job }; out: { id, result } or { id, error }.
// Its TypeScript is bundled into one module (lib/bundle-module.mjs): the worker is ready in ~0.6 s, against
// ~1.4 s when tsx compiled the files one by one — time that every first import of a process waited.
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { bundleModule } from './bundle-module.mjs';

async function load() {
  try {
    return await import(pathToFileURL(await bundleModule('lib/import-work.ts')).href);
  } catch {
    // No esbuild or a read-only node_modules: tsx compiles the files as they load.
    const { tsImport } = await import('tsx/esm/api');
    return tsImport('./import-work.ts', import.meta.url);
  }
}

const work = await load();

parentPort.on('message', async ({ id, op, job }) => {
  try {
    const result = op === 'check' ? await work.checkSheet(job) : await work.runImport(job);
    parentPort.postMessage({ id, result });
  } catch (e) {
    const error = e?.name === 'DomainError' ? { domain: e.code, params: e.params } : { message: e instanceof Error ? e.stack || e.message : String(e) };
    parentPort.postMessage({ id, error });
  }
});
parentPort.postMessage({ ready: true });
