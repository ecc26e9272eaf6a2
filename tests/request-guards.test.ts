// The guards in front of Next.js: malformed paths answered 400 (page or JSON) and logged; bodies over
// the documented limit refused 413 in the user's language before the app reads them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, malformedPath, refuseMalformed } from '@/lib/request-guards';
import { bodyRefusal } from '@/lib/request-limits';
import { MAX_ATTACHMENT_BYTES, MAX_IMPORT_BYTES, MAX_REQUEST_BYTES } from '@/lib/upload-limits';

afterEach(() => vi.restoreAllMocks());

describe('malformed percent-encoding', () => {
  it.each([
    ['/en/%FF', true],
    ['/%FF', true],
    ['/awards/%FF', true],
    ['/rounds/%FF/awards.csv', true],
    ['/api/attachments/%FF', true],
    ['/en/%', true],
    ['/%E0%A4%A', true],
    ['/%C0%AF', true],
    ['/search?q=%FF', false],
    ['/en/search?q=%C4%91', false],
    ['/%C4%91%E1%BB%A9c', false],
    ['/rounds/abc', false],
    ['/', false],
  ])('%s → malformed: %s', (url, expected) => expect(malformedPath(url)).toBe(expected));

  it('documents get a page in the language of the path; /api gets JSON', () => {
    const en = badRequest('/en/%FF');
    expect(en.status).toBe(400);
    expect(en.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<h1>Invalid address</h1>');
    expect(badRequest('/%FF').body).toContain('<h1>Địa chỉ không hợp lệ</h1>');
    expect(badRequest('/ko/%').body).toContain('<html lang="ko">');
    const api = badRequest('/api/attachments/%FF');
    expect(api.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(api.body)).toMatchObject({ error: 'bad_request' });
  });

  it('answers and logs once, without passing the request on', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l));
    const res = { writeHead: vi.fn(), end: vi.fn() };
    expect(refuseMalformed({ url: '/rounds/%FF/awards.csv?x=1', method: 'GET' } as IncomingMessage, res as unknown as ServerResponse)).toBe(true);
    expect(res.writeHead.mock.calls[0][0]).toBe(400);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', msg: 'bad_request', path: '/rounds/%FF/awards.csv', status: 400, problem: 'malformed_percent_encoding' });
    expect(refuseMalformed({ url: '/rounds/abc', method: 'GET' } as IncomingMessage, res as unknown as ServerResponse)).toBe(false);
  });
});

describe('request body limits', () => {
  const req = (path: string, headers: Record<string, string>, method = 'POST') => ({ method, headers: new Headers(headers), nextUrl: { pathname: path } });

  it('the largest documented upload fits with its form around it', () => {
    expect(MAX_ATTACHMENT_BYTES).toBe(10_485_760);
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
    expect(MAX_REQUEST_BYTES).toBeGreaterThan(MAX_IMPORT_BYTES + 64 * 1024);
  });

  it('passes bodies up to the limit and GETs', () => {
    expect(bodyRefusal(req('/manage/import', { 'content-length': String(MAX_REQUEST_BYTES), 'content-type': 'multipart/form-data; boundary=x' }))).toBeNull();
    expect(bodyRefusal(req('/manage/import', { 'content-length': '10' }, 'GET'))).toBeNull();
    expect(bodyRefusal(req('/login', { 'content-type': 'application/x-www-form-urlencoded' }))).toBeNull();
  });

  it('refuses a larger body with 413 in the language of the path: text/plain for an action, a page otherwise', async () => {
    const action = bodyRefusal(req('/manage/nominations/1', { 'content-length': String(MAX_REQUEST_BYTES + 1), 'next-action': 'abc' }))!;
    expect(action.status).toBe(413);
    expect(action.headers.get('content-type')).toBe('text/plain');
    expect(await action.text()).toBe('Dữ liệu gửi lên vượt quá 21 MB nên không được nhận; không có gì được lưu. Tệp đính kèm tối đa 10 MB, tệp nhập tối đa 20 MB.');
    const page = bodyRefusal(req('/ko/manage/import', { 'content-length': '99999999999' }))!;
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('<html lang="ko">');
    expect(bodyRefusal(req('/manage/import', { 'content-length': 'abc' }))!.status).toBe(413);
  });

  it('a multipart body that does not say its length gets 411', () => {
    expect(bodyRefusal(req('/en/manage/import', { 'content-type': 'multipart/form-data; boundary=x' }))!.status).toBe(411);
  });
});
