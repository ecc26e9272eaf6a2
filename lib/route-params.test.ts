// Route parameters parsed strictly: a page number from `?page=` is a positive integer, anything else page 1.
import { describe, expect, it } from 'vitest';
import { parseId, parsePage } from './route-params';

describe('route parameters', () => {
  it('reads a page number, and page 1 for anything else', () => {
    expect(parsePage('3')).toBe(3);
    expect(parsePage(['7', '2'])).toBe(7);
    for (const odd of [undefined, '', '0', '-2', '1.5', 'abc', '1e3', '9999999', []]) expect(parsePage(odd as string | undefined), String(odd)).toBe(1);
  });

  it('reads an id, and -1 (never found) for anything else', () => {
    expect(parseId('42')).toBe(42);
    expect(parseId('42x')).toBe(-1);
  });
});
