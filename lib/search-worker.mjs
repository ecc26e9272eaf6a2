// A search worker thread (lib/search-front.mjs starts them): answers the public search API off the server's
// event loop, so searches run on every core while the main thread keeps serving pages.
// Messages in: { id, search, gzip }; out: { id, body, encoding } or { id, error }; first { ready, headers, httpsHeaders }.
// Plain JavaScript: loads the bundled lib/search-work.ts (workerData.file), or through tsx when there is none.
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';

async function load() {
  if (workerData?.file) return import(pathToFileURL(workerData.file).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('./search-work.ts', import.meta.url);
}

const work = await load();

parentPort.on('message', async ({ id, search, gzip }) => {
  try {
    const json = await work.answer(search);
    // As Next.js compresses: small answers are sent as they are.
    if (gzip && json.length > 1024) {
      // Copied, not transferred: a small Buffer's memory may be Node's shared pool.
      parentPort.postMessage({ id, body: gzipSync(json), encoding: 'gzip' });
    } else parentPort.postMessage({ id, body: json, encoding: null });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.stack || e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true, headers: work.HEADERS, httpsHeaders: work.HTTPS_HEADERS });
