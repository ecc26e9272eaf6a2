// Auth.js v5: username + password (Credentials), JWT sessions carrying only the user id and its
// session version. Roles, unit and the active flag are re-read per request by getActor().
import { randomBytes } from 'node:crypto';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { attemptSignIn } from '@/lib/users';
import { clientAddress } from '@/lib/client-address';
import { authSecrets } from './secret';
import { SESSION } from './session';
import { log } from '@/lib/log';

declare module 'next-auth' {
  interface User {
    sv?: number;
  }
  interface Session {
    uid?: number;
    sv?: number;
    /** This session's own id: signing out ends it on the server (lib/users.ts endSession). */
    sid?: string;
  }
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** Too many failures: the code reaches the sign-in form, which says how long to wait. */
export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
  constructor(readonly retryAfter: number) {
    super();
  }
}


export const authConfig = {
  trustHost: true,
  secret: authSecrets(),
  session: SESSION,
  pages: { signIn: '/login' },
  // A failed sign-in is routine: one line, no stack trace.
  logger: {
    error(error) {
      const name = (error as { type?: string }).type ?? error.name;
      if (name === 'CredentialsSignin') return;
      // A request without the CSRF token is the client's fault, not the server's.
      if (name === 'MissingCSRF') return log.warn('auth_refused', { type: name });
      log.error('auth_error', { type: name, error: error.message });
    },
    warn(code) {
      if (code !== 'debug-enabled') log.warn('auth_warning', { code });
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const outcome = await attemptSignIn(parsed.data.username, parsed.data.password, clientAddress(request.headers));
        if (!outcome.ok) throw outcome.retryAfter ? new SignInRateLimited(outcome.retryAfter) : new CredentialsSignin();
        return { id: String(outcome.id), sv: outcome.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sv;
        token.sid = randomBytes(16).toString('hex');
      }
      return token;
    },
    session({ session, token }) {
      session.uid = typeof token.uid === 'number' ? token.uid : undefined;
      session.sv = typeof token.sv === 'number' ? token.sv : undefined;
      session.sid = typeof token.sid === 'string' ? token.sid : undefined;
      return session;
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
