// `npx tsx scripts/first-load-js.ts URL…`: the JavaScript a first visit downloads (every <script src>
// in the HTML), raw and gzipped. Next 16's build output no longer prints these sizes.
import { gzipSync } from 'node:zlib';

async function measure(url: string) {
  const html = await (await fetch(url)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  console.log(`${url}\n  ${srcs.length} scripts, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped`);
}

(async () => {
  for (const url of process.argv.slice(2)) await measure(url);
})().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
