// Pure authorization rules: who may do what to which subject. No I/O; lib/ calls these inside its
// data-access functions, and the table-driven tests exercise them exhaustively.
import type { Role } from '@/db/schema';

export type Actor = {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number;
  /** Materialised path of the actor's unit ("/1/4/"): its subtree is every path with this prefix. */
  unitPath: string;
  unitName: string;
  individualId: number | null;
  mustChangePassword: boolean;
};

export function hasRole(actor: Actor | null | undefined, role: Role): actor is Actor {
  return !!actor && actor.roles.includes(role);
}

export function isStaff(actor: Actor | null | undefined): actor is Actor {
  return !!actor && actor.roles.length > 0;
}

/** The district office (reviewers, approvers, admins) sees every nomination; officers only their subtree. */
export function seesAllNominations(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'reviewer' || r === 'approver' || r === 'admin');
}

export function unitInScope(actor: Actor, unitPath: string): boolean {
  return unitPath.startsWith(actor.unitPath);
}

export function canSeeNomination(actor: Actor | null, nominationUnitPath: string): boolean {
  if (!isStaff(actor)) return false;
  return seesAllNominations(actor) || (hasRole(actor, 'officer') && unitInScope(actor, nominationUnitPath));
}

/** Navigation entries a role sees in the staff area (UI convenience; lib/ enforces the rules). */
export function staffMenu(actor: Actor): Array<'dashboard' | 'rounds' | 'nominations' | 'review' | 'approve' | 'audit' | 'units' | 'users'> {
  const items: ReturnType<typeof staffMenu> = ['dashboard', 'rounds', 'nominations'];
  if (hasRole(actor, 'reviewer')) items.push('review');
  if (hasRole(actor, 'approver')) items.push('approve');
  if (hasRole(actor, 'admin')) items.push('audit', 'units', 'users');
  return items;
}
