// The signed-in actor for this request: read once per request (React cache), re-checked against the
// database. An account on a temporary password is no actor anywhere but the password page: every
// page, action and route handler that reads the actor through here gets null (or a redirect).
import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';
import { loadActor } from '@/lib/users';
import { safeCallbackUrl } from '@/lib/callback-url';
import type { Actor } from '@/lib/policy';

/** The session's user, whether or not they must change their password first. */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  // Sessions without their own id predate server-side sign-out and cannot be ended: sign in again.
  if (!session?.uid || !session.sid) return null;
  return loadActor(session.uid, session.sv, session.sid);
});

/** The actor for everything but the password change: null while a temporary password stands. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const actor = await getSessionActor();
  return actor && !actor.mustChangePassword ? actor : null;
});

const loginPath = (locale: string) => (locale === 'vi' ? '/login' : `/${locale}/login`);
/** The sign-in page, with a way back to the page asked for (own pages only). */
async function loginRedirect(locale: string): Promise<string> {
  const back = safeCallbackUrl((await headers()).get('x-pathname'));
  return `${loginPath(locale)}${back ? `?callbackUrl=${encodeURIComponent(back)}` : ''}`;
}
export const passwordPath = (locale: string) => (locale === 'vi' ? '/account/password' : `/${locale}/account/password`);

/**
 * For staff pages: the actor, or a redirect — to the sign-in page, or to the password page while a
 * temporary password stands (before the page reads anything, so the redirect carries no page data).
 */
export async function requireActor(locale = 'vi'): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect(await loginRedirect(locale));
  if (actor.mustChangePassword) redirect(passwordPath(locale));
  return actor;
}

/** For the password page alone: the actor even on a temporary password. */
export async function requireSessionActor(locale = 'vi'): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect(await loginRedirect(locale));
  return actor;
}

