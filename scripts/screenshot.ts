// `npx tsx scripts/screenshot.ts URL OUT.png [width]`: a headless-chromium screenshot, to look at a page as a person would.
import fs from 'node:fs';
import { chromium } from '@playwright/test';

async function main() {
  const [url, out, width = '1280'] = process.argv.slice(2);
  if (!url || !out) throw new Error('usage: screenshot URL OUT.png [width]');
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  await page.goto(url);
  await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
  await browser.close();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
