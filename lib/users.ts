// Users: credential checks and the actor loaded per request.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { units, userRoles, users, type Role } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import type { Actor } from '@/lib/policy';

/** Returns the user when the password matches an active account; the same cost and answer otherwise. */
export async function verifyCredentials(username: string, password: string): Promise<{ id: number; sessionVersion: number } | null> {
  const row = getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username.normalize('NFC').trim().toLowerCase()))
    .get();
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok || !row.active) return null;
  return { id: row.id, sessionVersion: row.sessionVersion };
}

/** Loads the actor for a session; null when the user is gone, inactive, or the session is stale. */
export function loadActor(userId: number, sessionVersion?: number): Actor | null {
  const db = getDb();
  const row = db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      active: users.active,
      sessionVersion: users.sessionVersion,
      unitId: users.unitId,
      unitPath: units.path,
      unitName: units.name,
      individualId: users.individualId,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId))
    .get();
  if (!row || !row.active) return null;
  if (sessionVersion !== undefined && sessionVersion !== row.sessionVersion) return null;
  const roles = db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all()
    .map((r) => r.role as Role);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles,
    unitId: row.unitId,
    unitPath: row.unitPath,
    unitName: row.unitName,
    individualId: row.individualId,
    mustChangePassword: row.mustChangePassword,
  };
}
