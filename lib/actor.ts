// The signed-in actor for this request: read once per request (React cache), re-checked against the database.
import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';
import { loadActor } from '@/lib/users';
import { safeCallbackUrl } from '@/lib/callback-url';
import type { Actor } from '@/lib/policy';

export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.uid) return null;
  return loadActor(session.uid, session.sv);
});

/** For staff pages: the actor, or a redirect to the sign-in page. */
export async function requireActor(locale = 'vi'): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const back = safeCallbackUrl((await headers()).get('x-pathname'));
    redirect(`${locale === 'vi' ? '/login' : `/${locale}/login`}${back ? `?callbackUrl=${encodeURIComponent(back)}` : ''}`);
  }
  return actor;
}

