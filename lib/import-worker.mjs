// The import's worker thread: runs lib/import-work.ts (loaded through tsx, which the app already depends
// on) so that reading, checking and writing a large spreadsheet never blocks the server's event loop.
// Messages in: { id, op: 'check' | 'import', job }; out: { id, result } or { id, error }.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const work = await tsImport('./import-work.ts', import.meta.url);

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
