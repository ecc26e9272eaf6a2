// Logs never carry passwords, session tokens, cookies or achievement texts, however deep they sit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatLog, log } from '@/lib/log';

const SECRET_VALUES = ['hunter2-password', 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.session', 'authjs.session-token=abc', 'Bearer xyz', 'Có thành tích xuất sắc trong phong trào'];

afterEach(() => vi.restoreAllMocks());

describe('structured logs', () => {
  it('are one JSON object per line with time, level and message', () => {
    const line = formatLog('info', 'request', { method: 'GET', path: '/vi' }, new Date('2030-01-01T00:00:00Z'));
    expect(JSON.parse(line)).toEqual({ time: '2030-01-01T00:00:00.000Z', level: 'info', msg: 'request', method: 'GET', path: '/vi' });
    expect(line).not.toContain('\n');
  });

  it('redact credentials, session material and achievement texts at any depth', () => {
    const fields = {
      password: SECRET_VALUES[0],
      form: { username: 'officer', newPassword: SECRET_VALUES[0], nested: [{ sessionToken: SECRET_VALUES[1] }] },
      headers: { cookie: SECRET_VALUES[2], Authorization: SECRET_VALUES[3], 'user-agent': 'x' },
      nomination: { id: 7, summary: SECRET_VALUES[4] },
      AUTH_SECRET: 'abc',
    };
    const out = formatLog('error', 'request_error', fields);
    for (const v of SECRET_VALUES) expect(out).not.toContain(v);
    const parsed = JSON.parse(out);
    expect(parsed.form.username).toBe('officer');
    expect(parsed.nomination.id).toBe(7);
    expect(parsed.headers['user-agent']).toBe('x');
  });

  it('write errors to stderr with the error name, message and a short stack', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    log.error('request_error', { error: new TypeError('boom'), password: 'p' });
    const entry = JSON.parse(err.mock.calls[0][0] as string);
    expect(entry).toMatchObject({ level: 'error', msg: 'request_error', error: { name: 'TypeError', message: 'boom' }, password: '[redacted]' });
    expect(entry.error.stack).toContain('TypeError: boom');
  });

  it('survive cycles and huge values', () => {
    const a: Record<string, unknown> = { big: 'x'.repeat(100_000) };
    a.self = a;
    const out = formatLog('warn', 'w', a);
    expect(out.length).toBeLessThan(20_000);
  });
});
