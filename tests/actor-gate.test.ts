// The actor as every page, action and route handler reads it (lib/actor.ts, lib/action.ts), with the
// session mocked at Auth.js: a temporary password is no actor anywhere but the password change, and a
// session ended by signing out (its id remembered) opens nothing, even from a copied cookie.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { first } from '@/db/query';

const session = vi.hoisted(() => ({ current: null as null | { uid: number; sv: number; sid?: string } }));
vi.mock('@/lib/auth', () => ({ auth: async () => session.current }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { redirectTo: url });
  },
}));

const { getActor, getSessionActor, requireActor } = await import('@/lib/actor');
const { validatedAction } = await import('@/lib/action');
const { endSession, loadActor } = await import('@/lib/users');

let db: DB;
let officerId: number;
const SID = 'a'.repeat(32);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  officerId = (await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer'))))!.id;
});

const signedIn = async (sid = SID) => {
  const sv = (await first(db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, officerId))))!.sv;
  session.current = { uid: officerId, sv, sid };
};
const redirectOf = async (p: Promise<unknown>) => p.then(() => null, (e: { redirectTo?: string }) => e.redirectTo ?? String(e));

describe('a temporary password', () => {
  it('gives no actor to pages, actions or route handlers; only the password change runs', async () => {
    await db.update(users).set({ mustChangePassword: true }).where(eq(users.id, officerId));
    await signedIn();
    expect((await getSessionActor())?.id).toBe(officerId);
    // Route handlers and lib calls read getActor: nothing.
    expect(await getActor()).toBeNull();
    // Pages redirect to the password page before reading anything.
    expect(await redirectOf(requireActor('vi'))).toBe('/account/password');
    expect(await redirectOf(requireActor('en'))).toBe('/en/account/password');
    // Actions refuse with a message saying what to do, and never run.
    const ran = vi.fn();
    const action = validatedAction(z.object({ x: z.string() }), ran);
    const form = new FormData();
    form.set('x', '1');
    expect(await action({}, form)).toMatchObject({ error: 'must_change_password' });
    expect(ran).not.toHaveBeenCalled();
    // The password change alone receives the actor.
    const change = validatedAction(z.object({ x: z.string() }), ran, { temporaryPassword: true });
    expect(await change({}, form)).toMatchObject({ ok: true });
    expect(ran.mock.calls[0][0]?.id).toBe(officerId);
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, officerId));
  });
});

describe('signing out', () => {
  it('ends the session on the server: the same cookie (session id) opens nothing afterwards', async () => {
    await signedIn();
    expect((await getActor())?.id).toBe(officerId);
    await endSession(officerId, SID);
    // A copied cookie carries the same session id: refused, though its signature and version are valid.
    expect(await loadActor(officerId, session.current!.sv, SID)).toBeNull();
    await signedIn(SID);
    expect(await getActor()).toBeNull();
    // Other sessions of the user go on; signing out twice writes one audit event.
    expect((await loadActor(officerId, session.current!.sv, 'b'.repeat(32)))?.id).toBe(officerId);
    await endSession(officerId, SID);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'user.sign_out'))).toHaveLength(1);
  });

  it('a session without its own id (issued before sign-out could end it) is not accepted', async () => {
    await signedIn(undefined);
    session.current!.sid = undefined;
    expect(await getActor()).toBeNull();
  });
});
