// Users: credential checks and the actor loaded per request.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { endedSessions, units, userRoles, users, type Role } from '@/db/tables';
import { SESSION } from '@/lib/auth/session';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { appendAudit } from '@/lib/audit-chain';
import { DomainError } from '@/lib/errors';
import { clean } from '@/lib/text';
import { write } from '@/lib/workflow';
import { reserveSignInAttempt, signInSucceeded } from '@/lib/sign-in-limit';
import { inSubtree, type Actor } from '@/lib/policy';
import { unitPathUnder } from '@/lib/scope';
import { changed, first } from '@/db/query';

/** Returns the user when the password matches an active account; the same cost and answer otherwise. */
export async function verifyCredentials(username: string, password: string): Promise<{ id: number; sessionVersion: number } | null> {
  const row = await first(getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username.normalize('NFC').trim().toLowerCase())));
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok || !row.active) return null;
  return { id: row.id, sessionVersion: row.sessionVersion };
}

export type SignInOutcome = { ok: true; id: number; sessionVersion: number } | { ok: false; retryAfter?: number };

/**
 * One sign-in attempt under the rate limit (lib/sign-in-limit.ts). Unknown users and wrong passwords
 * get the same answer after the same argon2 work; a limited attempt is refused before any check.
 */
export async function attemptSignIn(username: string, password: string, address: string, now = new Date()): Promise<SignInOutcome> {
  const reserved = await reserveSignInAttempt(username, address, now);
  if ('wait' in reserved) return { ok: false, retryAfter: reserved.wait };
  const user = await verifyCredentials(username, password);
  if (!user) return { ok: false };
  await signInSucceeded(username, reserved.ids);
  return { ok: true, ...user };
}

/**
 * Loads the actor for a session; null when the user is gone, inactive, the session is stale (older
 * session version) or was ended by signing out (`sid`).
 */
export async function loadActor(userId: number, sessionVersion?: number, sid?: string): Promise<Actor | null> {
  const db = getDb();
  if (sid !== undefined && (await first(db.select({ sid: endedSessions.sid }).from(endedSessions).where(eq(endedSessions.sid, sid))))) return null;
  const row = await first(db
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
    .where(eq(users.id, userId)));
  if (!row || !row.active) return null;
  if (sessionVersion !== undefined && sessionVersion !== row.sessionVersion) return null;
  const roles = (await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId)))
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

/**
 * Signing out ends this session on the server: its id is remembered, so a copy of the cookie no longer
 * opens anything. Rows are never pruned: a copied cookie kept alive by activity (the sliding expiry in
 * proxy.ts needs no database) would otherwise come back once its row was gone. Other sessions go on.
 */
export async function endSession(userId: number, sid: string, now = new Date()): Promise<void> {
  if (!/^[a-f0-9]{32}$/.test(sid)) return;
  await write(async (tx) => {
    const done = await tx
      .insert(endedSessions)
      .values({ sid, userId, endedAt: now, expiresAt: new Date(now.getTime() + SESSION.maxAge * 1000) })
      .onConflictDoNothing();
    if (changed(done)) await appendAudit(tx, { actorId: userId, action: 'user.sign_out', entityType: 'user', entityId: userId });
  });
}

// ---------------------------------------------------------------------------------------------
// User administration (admins) and one's own password (everyone).

export const MIN_PASSWORD = 10;

export type UserRow = { id: number; username: string; displayName: string; unitId: number; unitName: string; roles: Role[]; active: boolean; mustChangePassword: boolean };

function requireAdmin(actor: Actor | null): asserts actor is Actor {
  if (!actor || !actor.roles.includes('admin')) throw new DomainError('forbidden');
}

/** A unit the admin manages: their own unit's subtree. Others read as not found. */
async function unitPathInScope(tx: Pick<ReturnType<typeof getDb>, 'select'>, actor: Actor, unitId: number): Promise<boolean> {
  const u = await first(tx.select({ path: units.path }).from(units).where(eq(units.id, unitId)));
  return !!u && inSubtree(u.path, actor.unitPath);
}

/** A user the admin manages: one whose unit lies in the admin's subtree. */
async function userInScope(tx: Pick<ReturnType<typeof getDb>, 'select'>, actor: Actor, userId: number): Promise<boolean> {
  const u = await first(tx.select({ unitId: users.unitId }).from(users).where(eq(users.id, userId)));
  return !!u && (await unitPathInScope(tx, actor, u.unitId));
}

export async function listUsers(actor: Actor | null): Promise<UserRow[]> {
  requireAdmin(actor);
  const db = getDb();
  const roles = await db.select().from(userRoles);
  return (await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitId: users.unitId, unitName: units.name, active: users.active, mustChangePassword: users.mustChangePassword })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(unitPathUnder(actor.unitPath))
    .orderBy(users.username))
    .map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id).map((r) => r.role as Role) }));
}

function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD || password.length > 200) throw new DomainError('invalid_input', { field: 'password', min: MIN_PASSWORD });
}

export async function createUser(actor: Actor | null, input: { username: string; displayName: string; unitId: number; roles: Role[]; password: string }): Promise<{ id: number }> {
  requireAdmin(actor);
  const username = input.username.normalize('NFC').trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,50}$/.test(username)) throw new DomainError('invalid_input', { field: 'username' });
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return write(async (tx) => {
    if (!(await unitPathInScope(tx, actor, input.unitId))) throw new DomainError('not_found', { field: 'unit' });
    if ((await first(tx.select({ id: users.id }).from(users).where(eq(users.username, username))))) throw new DomainError('conflict', { field: 'username' });
    const displayName = clean(input.displayName) || username;
    // A new account signs in with a password someone else typed: it must be changed first.
    const id = (await first(tx.insert(users).values({ username, displayName, passwordHash, unitId: input.unitId, mustChangePassword: true }).returning({ id: users.id })))!.id;
    for (const role of new Set(input.roles)) await tx.insert(userRoles).values({ userId: id, role });
    await appendAudit(tx, { actorId: actor.id, action: 'user.create', entityType: 'user', entityId: id, after: { username, displayName, unitId: input.unitId, roles: [...new Set(input.roles)] } });
    return { id };
  });
}

export async function updateUser(actor: Actor | null, id: number, input: { displayName: string; unitId: number; roles: Role[]; active: boolean }): Promise<void> {
  requireAdmin(actor);
  if (id === actor.id && (!input.active || !input.roles.includes('admin'))) throw new DomainError('invalid_state', { reason: 'self' });
  await write(async (tx) => {
    const before = await first(tx.select().from(users).where(eq(users.id, id)));
    if (!before || !(await userInScope(tx, actor, id))) throw new DomainError('not_found');
    if (!(await unitPathInScope(tx, actor, input.unitId))) throw new DomainError('not_found', { field: 'unit' });
    const oldRoles = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id))).map((r) => r.role);
    const roles = [...new Set(input.roles)];
    // Deactivation ends every session at once.
    const bump = before.active && !input.active ? 1 : 0;
    await tx.update(users).set({ displayName: clean(input.displayName) || before.username, unitId: input.unitId, active: input.active, sessionVersion: before.sessionVersion + bump }).where(eq(users.id, id));
    await tx.delete(userRoles).where(eq(userRoles.userId, id));
    for (const role of roles) await tx.insert(userRoles).values({ userId: id, role });
    await appendAudit(tx, {
      actorId: actor.id, action: 'user.update', entityType: 'user', entityId: id,
      before: { displayName: before.displayName, unitId: before.unitId, active: before.active, roles: oldRoles },
      after: { displayName: clean(input.displayName), unitId: input.unitId, active: input.active, roles },
    });
  });
}

/** An admin sets a temporary password: every session ends and the user must choose a new one. */
export async function resetPassword(actor: Actor | null, id: number, password: string): Promise<void> {
  requireAdmin(actor);
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await write(async (tx) => {
    const u = await first(tx.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, id)));
    if (!u || !(await userInScope(tx, actor, id))) throw new DomainError('not_found');
    await tx.update(users).set({ passwordHash, mustChangePassword: true, sessionVersion: u.sv + 1 }).where(eq(users.id, id));
    await appendAudit(tx, { actorId: actor.id, action: 'user.reset_password', entityType: 'user', entityId: id });
  });
}

/** Everyone changes their own password with the current one; other sessions end. */
export async function changeOwnPassword(actor: Actor | null, current: string, next: string): Promise<void> {
  if (!actor) throw new DomainError('forbidden');
  checkPassword(next);
  const row = await first(getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id)));
  if (!row || !(await verifyPassword(row.hash, current))) throw new DomainError('invalid_input', { field: 'current' });
  if (current === next) throw new DomainError('invalid_input', { field: 'password' });
  const passwordHash = await hashPassword(next);
  await write(async (tx) => {
    const u = (await first(tx.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, actor.id))))!;
    await tx.update(users).set({ passwordHash, mustChangePassword: false, sessionVersion: u.sv + 1 }).where(eq(users.id, actor.id));
    await appendAudit(tx, { actorId: actor.id, action: 'user.change_password', entityType: 'user', entityId: actor.id });
  });
}

export async function listUnitOptions(actor: Actor | null): Promise<Array<{ id: number; name: string; }>> {
  requireAdmin(actor);
  return await getDb().select({ id: units.id, name: units.name }).from(units).where(and(eq(units.active, true), unitPathUnder(actor.unitPath))).orderBy(units.path);
}
