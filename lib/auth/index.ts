// Auth.js v5: username + password (Credentials), JWT sessions carrying only the user id and its
// session version. Roles, unit and the active flag are re-read per request by getActor().
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { verifyCredentials } from '@/lib/users';
import { ensureAuthSecret } from './secret';

declare module 'next-auth' {
  interface User {
    sv?: number;
  }
  interface Session {
    uid?: number;
    sv?: number;
  }
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

const IDLE_SECONDS = 8 * 60 * 60;

export const authConfig = {
  trustHost: true,
  secret: ensureAuthSecret(),
  session: { strategy: 'jwt', maxAge: IDLE_SECONDS, updateAge: 15 * 60 },
  pages: { signIn: '/login' },
  // A failed sign-in is routine: one line, no stack trace.
  logger: {
    error(error) {
      const name = (error as { type?: string }).type ?? error.name;
      if (name === 'CredentialsSignin') return;
      console.error(`[auth] ${name}: ${error.message}`);
    },
    warn(code) {
      if (code !== 'debug-enabled') console.warn(`[auth] ${code}`);
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const user = await verifyCredentials(parsed.data.username, parsed.data.password);
        if (!user) throw new CredentialsSignin();
        return { id: String(user.id), sv: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sv;
      }
      return token;
    },
    session({ session, token }) {
      session.uid = typeof token.uid === 'number' ? token.uid : undefined;
      session.sv = typeof token.sv === 'number' ? token.sv : undefined;
      return session;
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
