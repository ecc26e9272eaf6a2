// Sign-in defence: the rate limit per username and per address, one answer for unknown users and wrong
// passwords, idle expiry of sessions, and every session ending on a password change or deactivation.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signInFailures, users } from '@/db/tables';
import { DEMO_PASSWORD, seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import type { IncomingMessage } from 'node:http';
import { clientAddress, PEER_HEADER } from '@/lib/client-address';
import { stampPeer } from '@/lib/request-guards';
import { SIGN_IN_MAX_PER_ADDRESS, SIGN_IN_MAX_PER_USER, SIGN_IN_WINDOW_MS } from '@/lib/sign-in-limit';
import { SESSION } from '@/lib/auth/session';
import { attemptSignIn, changeOwnPassword, loadActor, resetPassword, updateUser } from '@/lib/users';
import { first } from '@/db/query';

let db: DB;
const idOf = async (u: string) => (await first(db.select({ id: users.id }).from(users).where(eq(users.username, u))))!.id;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
});

describe('sign-in rate limit', () => {
  it(`after ${SIGN_IN_MAX_PER_USER} failures in 15 minutes a username waits, even with the right password`, async () => {
    const t0 = new Date('2030-01-01T08:00:00Z');
    for (let i = 0; i < SIGN_IN_MAX_PER_USER; i++) {
      expect(await attemptSignIn('reviewer', 'wrong-password', `10.0.0.${i}`, new Date(t0.getTime() + i * 1000))).toEqual({ ok: false });
    }
    const limited = await attemptSignIn('reviewer', DEMO_PASSWORD, '10.0.1.1', new Date(t0.getTime() + 60_000));
    expect(limited.ok).toBe(false);
    expect(limited.ok === false && limited.retryAfter).toBe((SIGN_IN_WINDOW_MS - 60_000) / 1000);
    // Once the first failure has left the window, one more attempt is allowed and it succeeds.
    const later = await attemptSignIn('reviewer', DEMO_PASSWORD, '10.0.1.1', new Date(t0.getTime() + SIGN_IN_WINDOW_MS + 1));
    expect(later.ok).toBe(true);
    // Success forgives the username's failures.
    expect((await db.select().from(signInFailures)).filter((r) => r.key === 'u:reviewer')).toHaveLength(0);
  });

  it('limits one address guessing across many usernames', async () => {
    const t0 = new Date('2030-01-02T08:00:00Z');
    for (let i = 0; i < SIGN_IN_MAX_PER_ADDRESS; i++) await attemptSignIn(`nobody-${i}`, 'x', '203.0.113.9', t0);
    const r = await attemptSignIn('approver', DEMO_PASSWORD, '203.0.113.9', t0);
    expect(r.ok === false && r.retryAfter).toBe(SIGN_IN_WINDOW_MS / 1000);
    expect((await attemptSignIn('approver', DEMO_PASSWORD, '203.0.113.10', t0)).ok).toBe(true);
  });

  it('a burst of parallel guesses cannot all pass the check', async () => {
    const t0 = new Date('2030-01-03T08:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attemptSignIn('officer2', `guess-${i}`, `198.51.100.${i}`, t0)));
    expect(results.filter((r) => r.ok === false && r.retryAfter)).toHaveLength(12 - SIGN_IN_MAX_PER_USER);
  });

  it('unknown users and wrong passwords get the same answer after the same work', async () => {
    const t0 = new Date('2030-01-04T08:00:00Z');
    const time = async (u: string) => {
      const start = process.hrtime.bigint();
      const r = await attemptSignIn(u, 'not-the-password', '192.0.2.1', t0);
      return { r, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    };
    await time('admin'); // warm the dummy hash
    const known = await time('admin');
    const unknown = await time('no-such-user');
    expect(known.r).toEqual(unknown.r);
    // Printed, not asserted (no timing assertions): both run one argon2id verification.
    console.log(`sign-in: wrong password ${known.ms.toFixed(0)} ms, unknown user ${unknown.ms.toFixed(0)} ms`);
  });
});

describe('client address', () => {
  const h = (xff?: string, peer = '198.51.100.9') => new Headers({ ...(xff ? { 'x-forwarded-for': xff } : {}), ...(peer ? { [PEER_HEADER]: peer } : {}) });
  it('without TRUST_PROXY counts only the socket address, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(h('1.2.3.4'), {})).toBe('198.51.100.9');
    expect(clientAddress(h('6.6.6.6, 1.2.3.4'), {})).toBe('198.51.100.9');
    expect(clientAddress(h('6.6.6.6, 1.2.3.4'), { TRUST_PROXY: '0' })).toBe('198.51.100.9');
    expect(clientAddress(h(undefined, '::ffff:127.0.0.1'), {})).toBe('127.0.0.1');
    expect(clientAddress(h('1.2.3.4', '<script>'), {})).toBe('unknown');
    expect(clientAddress(h('1.2.3.4', ''), {})).toBe('unknown');
  });
  it('with TRUST_PROXY=N takes the N-th entry from the right of X-Forwarded-For', () => {
    expect(clientAddress(h('6.6.6.6, 1.2.3.4'), { TRUST_PROXY: '1' })).toBe('1.2.3.4');
    expect(clientAddress(h('6.6.6.6, 1.2.3.4'), { TRUST_PROXY: 'true' })).toBe('1.2.3.4');
    expect(clientAddress(h('6.6.6.6, 1.2.3.4, 10.0.0.2'), { TRUST_PROXY: '2' })).toBe('1.2.3.4');
    expect(clientAddress(h('1.2.3.4'), { TRUST_PROXY: '2' })).toBe('unknown');
    expect(clientAddress(h(undefined), { TRUST_PROXY: '1' })).toBe('unknown');
    expect(clientAddress(h('<script>'), { TRUST_PROXY: '1' })).toBe('unknown');
  });
  it('the server stamps the socket address over any value the client sent', () => {
    const req = { headers: { [PEER_HEADER]: '6.6.6.6', 'x-forwarded-for': '6.6.6.6' }, socket: { remoteAddress: '::ffff:203.0.113.5' } } as unknown as IncomingMessage;
    stampPeer(req);
    expect(clientAddress(new Headers(req.headers as Record<string, string>), {})).toBe('203.0.113.5');
  });
});

describe('sessions', () => {
  it('expire after 8 hours idle; activity renews them', () => {
    expect(SESSION.maxAge).toBe(8 * 60 * 60);
    expect(SESSION.updateAge).toBeLessThan(SESSION.maxAge);
  });

  it('all end when the password changes, is reset, or the user is deactivated', async () => {
    const admin = (await loadActor(await idOf('admin')))!;
    const officerId = await idOf('officer');
    const sv = async () => (await first(db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, officerId))))!.sv;

    let session = await sv();
    const officer = (await loadActor(officerId, session))!;
    await changeOwnPassword(officer, DEMO_PASSWORD, 'a-new-password-123');
    expect(await loadActor(officerId, session)).toBeNull();
    expect(await loadActor(officerId, await sv())).not.toBeNull();

    session = await sv();
    await resetPassword(admin, officerId, 'temporary-pass-456');
    expect(await loadActor(officerId, session)).toBeNull();

    session = await sv();
    await updateUser(admin, officerId, { displayName: officer.displayName, unitId: officer.unitId, roles: officer.roles, active: false });
    expect(await loadActor(officerId, session)).toBeNull();
    expect(await loadActor(officerId, await sv())).toBeNull();
    expect((await attemptSignIn('officer', 'temporary-pass-456', '192.0.2.50')).ok).toBe(false);
  });
});
