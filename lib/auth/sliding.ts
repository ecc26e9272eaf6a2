// Idle expiry needs the session cookie re-issued as the user works, but Server Components cannot set
// cookies. proxy.ts runs this provider-less Auth.js instance (no database, no argon2) on requests that
// carry a session: Auth.js decodes the JWT and sets it again with a fresh 8-hour expiry.
import NextAuth from 'next-auth';
import { authSecrets } from './secret';
import { SESSION } from './session';

export const { auth: withSlidingSession } = NextAuth({ trustHost: true, secret: authSecrets(), session: SESSION, providers: [] });
