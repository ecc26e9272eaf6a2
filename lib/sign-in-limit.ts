// Sign-in rate limit: after too many failures in a window, further attempts for that username or
// from that address wait. Stored in SQLite so it holds across restarts and server processes.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { signInFailures } from '@/db/tables';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Failures per username in the window. */
export const SIGN_IN_MAX_PER_USER = 5;
/** Failures per address in the window: higher, since an office shares one address. */
export const SIGN_IN_MAX_PER_ADDRESS = 20;

const userKey = (username: string) => `u:${username.normalize('NFC').trim().toLowerCase().slice(0, 100)}`;
const addressKey = (address: string) => `a:${createHash('sha256').update(`vinhdanh-sign-in:${address}`).digest('hex')}`;

async function waitFor(tx: Pick<ReturnType<typeof getDb>, 'select'>, key: string, max: number, now: Date): Promise<number> {
  const rows = await tx
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(and(eq(signInFailures.key, key), gt(signInFailures.at, new Date(now.getTime() - SIGN_IN_WINDOW_MS))))
    .orderBy(asc(signInFailures.at));
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
export async function reserveSignInAttempt(username: string, address: string, now = new Date()): Promise<{ wait: number } | { ids: number[] }> {
  const keys = [[userKey(username), SIGN_IN_MAX_PER_USER], [addressKey(address), SIGN_IN_MAX_PER_ADDRESS]] as const;
  return transaction(
    async (tx) => {
      const wait = Math.max(...(await Promise.all(keys.map(([key, max]) => waitFor(tx, key, max, now)))));
      if (wait > 0) return { wait };
      await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - SIGN_IN_WINDOW_MS)));
      const ids = (await tx
        .insert(signInFailures)
        .values(keys.map(([key]) => ({ key, at: now })))
        .returning({ id: signInFailures.id }))
        .map((r) => r.id);
      return { ids };
    },
  );
}

/** The attempt was right: it is no failure, and the username's earlier failures are forgiven. */
export async function signInSucceeded(username: string, ids: number[]): Promise<void> {
  await getDb()
    .delete(signInFailures)
    .where(or(inArray(signInFailures.id, ids), eq(signInFailures.key, userKey(username))));
}
