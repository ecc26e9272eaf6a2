// `npm run lighthouse [-- BASE_URL]`: Lighthouse (mobile, headless chromium) on the honour roll, search and an award
// page; prints performance, accessibility, best-practices and SEO scores. Measures, never asserts. Uses the server
// at BASE_URL (default http://localhost:3000) when it answers, else starts the production server on PORT (3300).
// Plain JavaScript run by node: tsx would rewrite Lighthouse's page functions (esbuild's __name) and break them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const SLUG = 'so-ket-3-nam-ket-luan-01-2021-2024';
const CHROME = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

async function answers(base) {
  try {
    return (await fetch(`${base}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function main() {
  let base = (process.argv[2] || process.env.LIGHTHOUSE_URL || 'http://localhost:3000').replace(/\/+$/, '');
  let server = null;
  if (!(await answers(base))) {
    const port = process.env.PORT || '3300';
    base = `http://localhost:${port}`;
    console.log(`… starting the production server on ${base}`);
    server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { stdio: 'ignore', env: { ...process.env, PORT: port }, detached: true });
    const until = Date.now() + 600_000;
    while (!(await answers(base))) {
      if (Date.now() > until) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const awards = (await (await fetch(`${base}/api/public/rounds/${SLUG}/awards`)).json()) ;
  const pages = [
    ['honour roll', `${base}/rounds/${SLUG}`],
    ['search', `${base}/search?q=nguyen`],
    ['award', `${base}/awards/${awards[0]?.id}`],
  ];
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    console.log(`\n${'page'.padEnd(12)} perf  a11y  best  seo`);
    for (const [name, url] of pages) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', formFactor: 'mobile', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const c = result.lhr.categories;
      const score = (k) => String(Math.round((c[k]?.score ?? 0) * 100)).padStart(4);
      console.log(`${name.padEnd(12)} ${score('performance')}  ${score('accessibility')}  ${score('best-practices')}  ${score('seo')}   ${url}`);
    }
  } finally {
    await chrome.kill();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
