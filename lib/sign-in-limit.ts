// Sign-in rate limit: after too many failures in a window, further attempts for that username or
// from that address wait. Stored in SQLite so it holds across restarts and server processes.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signInFailures } from '@/db/schema';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Failures per username in the window. */
export const SIGN_IN_MAX_PER_USER = 5;
/** Failures per address in the window: higher, since an office shares one address. */
export const SIGN_IN_MAX_PER_ADDRESS = 20;

const userKey = (username: string) => `u:${username.normalize('NFC').trim().toLowerCase().slice(0, 100)}`;
const addressKey = (address: string) => `a:${createHash('sha256').update(`vinhdanh-sign-in:${address}`).digest('hex')}`;

function waitFor(tx: Pick<ReturnType<typeof getDb>, 'select'>, key: string, max: number, now: Date): number {
  const rows = tx
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(and(eq(signInFailures.key, key), gt(signInFailures.at, new Date(now.getTime() - SIGN_IN_WINDOW_MS))))
    .orderBy(asc(signInFailures.at))
    .all();
  if (rows.length < max) return 0;
  // Wait until enough failures have left the window for one more attempt.
  const freesAt = rows[rows.length - max].at.getTime() + SIGN_IN_WINDOW_MS;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}

/**
 * Checks the limit and, when the attempt may go ahead, counts it as a failure at once (in one
 * IMMEDIATE transaction), so a burst of parallel guesses cannot all pass the check. A successful
 * sign-in then calls `signInSucceeded` with the returned ids.
 */
export function reserveSignInAttempt(username: string, address: string, now = new Date()): { wait: number } | { ids: number[] } {
  const keys = [[userKey(username), SIGN_IN_MAX_PER_USER], [addressKey(address), SIGN_IN_MAX_PER_ADDRESS]] as const;
  return getDb().transaction(
    (tx) => {
      const wait = Math.max(...keys.map(([key, max]) => waitFor(tx, key, max, now)));
      if (wait > 0) return { wait };
      tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - SIGN_IN_WINDOW_MS))).run();
      const ids = tx
        .insert(signInFailures)
        .values(keys.map(([key]) => ({ key, at: now })))
        .returning({ id: signInFailures.id })
        .all()
        .map((r) => r.id);
      return { ids };
    },
    { behavior: 'immediate' },
  );
}

/** The attempt was right: it is no failure, and the username's earlier failures are forgiven. */
export function signInSucceeded(username: string, ids: number[]): void {
  getDb()
    .delete(signInFailures)
    .where(or(inArray(signInFailures.id, ids), eq(signInFailures.key, userKey(username))))
    .run();
}
