import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('the page to return to after signing in', () => {
  it.each([
    ['/manage/nominations/12', '/manage/nominations/12'],
    ['/en/manage/rounds?x=1', '/en/manage/rounds?x=1'],
    ['/account/password', '/account/password'],
    ['/manage', '/manage'],
    ['//evil.example/manage', null],
    ['/\\evil.example', null],
    ['https://evil.example/manage', null],
    ['/managerial', null],
    ['/rounds/x', null],
    ['/manage/ x', null],
    [42, null],
  ])('%j → %j', (input, expected) => expect(safeCallbackUrl(input)).toBe(expected));
});
