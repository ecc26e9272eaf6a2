// The page cache: one entry per page and public-data version, read from the database on every request.
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { freshDatabase } from '@/tests/db';
import PageCacheHandler, { inlineStylesheets, stripScripts, versionReader } from './page-cache-handler.mjs';

const page = (html: string, status?: number) => ({ kind: 'APP_PAGE', html, rscData: Buffer.from('rsc'), headers: {}, status });

function handler(start = 'v1', maxBytes = 1 << 20) {
  const state = { version: start as string | null };
  return { state, cache: new PageCacheHandler({}, PageCacheHandler.newState(() => state.version, maxBytes)) };
}

describe('page cache handler', () => {
  it('is shared by the handlers Next.js makes per request', async () => {
    const a = new PageCacheHandler();
    const b = new PageCacheHandler();
    expect(a.store).toBe(b.store);
  });

  it('serves a page while the public data is unchanged, and renders again once it changes', async () => {
    const { state, cache } = handler();
    expect(await cache.get('/vi/rounds/a')).toBeNull();
    await cache.set('/vi/rounds/a', page('<p>a</p>'));
    expect((await cache.get('/vi/rounds/a'))?.value.html).toBe('<p>a</p>');
    state.version = 'v2';
    expect(await cache.get('/vi/rounds/a')).toBeNull();
  });

  it('keeps a page rendered during a write under the version before it (one more render, never a stale page)', async () => {
    const { state, cache } = handler();
    expect(await cache.get('/vi')).toBeNull();
    state.version = 'v2'; // a publish commits while the page renders
    await cache.set('/vi', page('<p>maybe old</p>'));
    expect(await cache.get('/vi')).toBeNull();
    await cache.set('/vi', page('<p>new</p>'));
    expect((await cache.get('/vi'))?.value.html).toBe('<p>new</p>');
  });

  it('never keeps a 404, a failure or anything but a page', async () => {
    const { cache } = handler();
    for (const [key, data] of [
      ['/vi/rounds/khong-co', page('<p>not found</p>', 404)],
      ['/vi/awards/x', null],
      ['/robots.txt', { kind: 'APP_ROUTE', body: Buffer.from('x'), headers: {}, status: 200 }],
    ] as const) {
      expect(await cache.get(key)).toBeNull();
      await cache.set(key, data);
      expect(await cache.get(key)).toBeNull();
    }
    expect(cache.store.size).toBe(0);
  });

  it('keeps nothing without a version (a database without it, or none)', async () => {
    const { cache } = handler(null as unknown as string);
    expect(await cache.get('/vi')).toBeNull();
    await cache.set('/vi', page('<p>x</p>'));
    expect(await cache.get('/vi')).toBeNull();
  });

  it('stays within its byte budget, dropping the least recently used page', async () => {
    const { cache } = handler('v1', 100);
    for (const key of ['/a', '/b', '/c']) {
      await cache.get(key);
      await cache.set(key, page('x'.repeat(40)));
    }
    expect([...cache.store.keys()]).toEqual(['/b', '/c']);
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });

  it('strips the very render it is given, which Next.js sends as the response, on public pages only', async () => {
    const { cache } = handler();
    const html = '<p>x</p><script>self.__next_f.push([1,"x"])</script>';
    for (const [key, status, kept] of [
      ['/route-cache/APP_PAGE/2825bf9e/$/vi', 200, '<p>x</p>'],
      ['/route-cache/APP_PAGE/2745716c/$/en/rounds/a', 200, '<p>x</p>'],
      ['/vi/rounds/khong-co', 404, '<p>x</p>'],
      ['/route-cache/APP_PAGE/c65e8597/$/bare', 200, html],
      ['/route-cache/APP_PAGE/c65e8597/$/vietnam', 200, html],
    ] as const) {
      const data = page(html, status);
      await cache.get(key);
      await cache.set(key, data);
      expect(data.html, key).toBe(kept);
    }
  });

  it('sends and stores a public page with its stylesheet inline (no render-blocking request)', async () => {
    const css = 'body{color:red}';
    const state = { version: 'v1' };
    const files = { 'static/chunks/a.css': css } as Record<string, string>;
    const cache = new PageCacheHandler({}, PageCacheHandler.newState(() => state.version, 1 << 20, (rel: string) => files[rel] ?? null));
    const html = '<head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/></head><body><p>x</p></body>';
    const sent = '<head><style>body{color:red}</style></head><body><p>x</p></body>';
    for (const key of ['/route-cache/APP_PAGE/2745716c/$/en/rounds/a', '/vi/awards/b']) {
      await cache.get(key);
      const data = page(html);
      await cache.set(key, data);
      expect(data.html, key).toBe(sent); // the response to the render itself
      expect((await cache.get(key))?.value.html, key).toBe(sent); // every later response
    }
    // Not the other pages (the bench's bare page), nor a file the build does not have.
    for (const [key, markup] of [
      ['/route-cache/APP_PAGE/c65e8597/$/bare', html],
      ['/vi/rounds/c', html.replace('a.css', 'gone.css')],
    ]) {
      await cache.get(key);
      const data = page(markup);
      await cache.set(key, data);
      expect(data.html, key).toBe(markup);
      expect((await cache.get(key))?.value.html, key).toBe(markup);
    }
  });

  it('inlines only the rules the page can use, with their states, media and variables', async () => {
    const css =
      ':root{--color-brand:#9b1515;--color-unused:#000}*,:before{box-sizing:border-box}html{line-height:1.5}' +
      '.flex{display:flex}.grid{display:grid}.text-brand{color:var(--color-brand)}.sm\\:py-8{padding:0}' +
      '.hover\\:underline:hover{text-decoration:underline}table{border-collapse:collapse}[hidden]{display:none}' +
      '@media (min-width:40rem){.sm\\:py-8{padding-block:2rem}.md\\:grid{display:grid}}' +
      '@media print{.print\\:hidden{display:none}.print\\:block{display:block}}';
    const html =
      '<html><head><link rel="stylesheet" href="/_next/static/chunks/a.css"/></head>' +
      '<body><div class="flex sm:py-8 text-brand"><a href="/awards/a" class="hover:underline print:hidden">x</a></div></body></html>';
    const memo = new Map<string, string>();
    const read = () => css;
    const sent = await inlineStylesheets(html, read, memo);
    const style = /<style>(.*)<\/style>/.exec(sent)?.[1] ?? '';
    for (const kept of ['--color-brand:#9b1515', 'box-sizing', 'html{', '.flex{', '.text-brand{', '.sm\\:py-8{padding-block:2rem}', '.hover\\:underline:hover', '.print\\:hidden{']) {
      expect(style, kept).toContain(kept);
    }
    for (const dropped of ['--color-unused', '.grid{', 'table{', '[hidden]', '.md\\:grid', '.print\\:block']) {
      expect(style, dropped).not.toContain(dropped);
    }
    expect(sent).not.toContain('<link');
    // A page of the same classes and tags (another award: other names and links) gets the same rules, cut once.
    const other = (markup: string) => markup.replace('>x<', '>Nguyễn Văn Bảy<').replace('/awards/a', '/awards/b');
    expect(await inlineStylesheets(other(html), read, memo)).toBe(other(sent));
    expect(memo.size).toBe(1);
  });

  it('inlines only the build’s stylesheets, never a path out of it', async () => {
    const read = (rel: string) => `/* ${rel} */`;
    expect(await inlineStylesheets('<link rel="stylesheet" href="/_next/static/chunks/a.css"/>', read)).toBe('<style>/* static/chunks/a.css */</style>');
    for (const html of [
      '<link rel="stylesheet" href="/_next/static/../../etc/a.css"/>',
      '<link rel="stylesheet" href="https://cdn.example/_next/static/a.css"/>',
      '<link rel="preload" href="/_next/static/chunks/a.css" as="style"/>',
    ]) {
      expect(await inlineStylesheets(html, read)).toBe(html);
    }
    expect(await inlineStylesheets('<link rel="stylesheet" href="/_next/static/a.css"/>', () => 'a{}</style><script>x</script>')).toBe('<link rel="stylesheet" href="/_next/static/a.css"/>');
  });

  it('removes the framework’s scripts and their preloads, and nothing a user wrote', () => {
    const html =
      '<head><link rel="preload" href="/_next/static/chunks/a.js" as="script" fetchPriority="low"/><link rel="stylesheet" href="/_next/static/css/a.css"/>' +
      '<script src="/_next/static/chunks/b.js" async=""></script></head><body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' +
      '<script>self.__next_f.push([1,"<p>every entry again</p>"])</script></body>';
    expect(stripScripts(html)).toBe('<head><link rel="stylesheet" href="/_next/static/css/a.css"/></head><body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></body>');
  });

  it('keeps the one plain file of progressive enhancement, and only it', () => {
    const html = '<form data-live-filter=""></form><script src="/live-filter.js" defer=""></script><script src="/live-filter.js.evil"></script><script src="/x.js">/live-filter.js</script>';
    expect(stripScripts(html)).toBe('<form data-live-filter=""></form><script src="/live-filter.js" defer=""></script>');
  });
});

describe('version reader', () => {
  let file: string;
  beforeAll(async () => {
    ({ file } = await freshDatabase());
  });

  it('reads the version another connection moves, at once', () => {
    const read = versionReader(file);
    const v0 = read();
    expect(v0).toMatch(/^[0-9a-f]{16}$/);
    expect(read()).toBe(v0);
    const other = new Database(file);
    other.prepare("INSERT INTO units (name, short_name, kind, slug, path) VALUES ('Phường Một', 'P1', 'ward', 'phuong-mot', '/')").run();
    other.close();
    expect(read()).not.toBe(v0);
  });

  it('is null without a database', () => {
    expect(versionReader('/nonexistent/vinhdanh.db')()).toBeNull();
  });
});
