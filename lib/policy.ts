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
export function staffMenu(actor: Actor): Array<'dashboard' | 'rounds' | 'nominations' | 'people' | 'review' | 'approve' | 'import' | 'audit' | 'units' | 'users'> {
  const items: ReturnType<typeof staffMenu> = ['dashboard', 'rounds', 'nominations', 'people'];
  if (hasRole(actor, 'officer') || hasRole(actor, 'admin')) items.push('import');
  if (hasRole(actor, 'reviewer')) items.push('review');
  if (hasRole(actor, 'approver')) items.push('approve');
  if (hasRole(actor, 'admin')) items.push('audit', 'units', 'users');
  return items;
}

// ---------------------------------------------------------------------------------------------
// Workflow rules. Each returns null when allowed, or the DomainError code that explains the refusal.

export type NominationAction = 'view' | 'edit' | 'submit' | 'comment' | 'return' | 'check' | 'approve' | 'reject' | 'reconsider';

export type NominationContext = {
  unitPath: string;
  status: import('@/db/schema').NominationStatus;
  roundStatus: import('@/db/schema').RoundStatus;
  windowOpensAt: Date | null;
  windowClosesAt: Date | null;
  createdBy: number | null;
  submittedBy: number | null;
  nomineeIndividualId: number | null;
  /** Frozen by a standing sign-off of the final list. */
  frozen?: boolean;
};

export type Refusal = 'not_found' | 'forbidden' | 'invalid_state' | 'window_closed' | 'separation_of_duties' | 'frozen';

export function windowIsOpen(ctx: Pick<NominationContext, 'windowOpensAt' | 'windowClosesAt'>, now: Date): boolean {
  return (!ctx.windowOpensAt || ctx.windowOpensAt <= now) && (!ctx.windowClosesAt || now <= ctx.windowClosesAt);
}

export function nominationRefusal(actor: Actor | null, action: NominationAction, ctx: NominationContext, now = new Date()): Refusal | null {
  if (!canSeeNomination(actor, ctx.unitPath)) return 'not_found';
  const officerHere = hasRole(actor, 'officer') && unitInScope(actor, ctx.unitPath);
  // A signed-off final list is frozen: nothing on it changes until the approver withdraws the sign-off.
  if (ctx.frozen && action !== 'view' && action !== 'comment') return 'frozen';
  switch (action) {
    case 'view':
    case 'comment':
      return null;
    case 'edit':
    case 'submit':
      if (!officerHere) return 'forbidden';
      if (ctx.roundStatus !== 'open' || (ctx.status !== 'draft' && ctx.status !== 'returned')) return 'invalid_state';
      if (action === 'submit' && !windowIsOpen(ctx, now)) return 'window_closed';
      return null;
    case 'return':
    case 'check':
      if (!hasRole(actor, 'reviewer')) return 'forbidden';
      if (ctx.roundStatus !== 'open' && ctx.roundStatus !== 'reviewing') return 'invalid_state';
      if (action === 'check' ? ctx.status !== 'submitted' : ctx.status !== 'submitted' && ctx.status !== 'checked') return 'invalid_state';
      return null;
    case 'approve':
    case 'reject':
    case 'reconsider':
      if (!hasRole(actor, 'approver')) return 'forbidden';
      if (ctx.roundStatus !== 'reviewing') return 'invalid_state';
      // Reconsidering takes an approval or rejection back to "checked", to be judged again.
      if (action === 'reconsider' ? ctx.status !== 'approved' && ctx.status !== 'rejected' : ctx.status !== 'checked') return 'invalid_state';
      if (ctx.submittedBy === actor.id || ctx.createdBy === actor.id) return 'separation_of_duties';
      if (actor.individualId !== null && ctx.nomineeIndividualId === actor.individualId) return 'separation_of_duties';
      return null;
  }
}

/** Creating a nomination: an officer, in an open round whose window is open, for a unit in their subtree. */
export function createNominationRefusal(
  actor: Actor | null,
  ctx: { unitPath: string; roundStatus: import('@/db/schema').RoundStatus; windowOpensAt: Date | null; windowClosesAt: Date | null },
  now = new Date(),
): Refusal | null {
  if (!isStaff(actor)) return 'forbidden';
  if (!hasRole(actor, 'officer') || !unitInScope(actor, ctx.unitPath)) return 'forbidden';
  if (ctx.roundStatus !== 'open') return 'invalid_state';
  if (!windowIsOpen(ctx, now)) return 'window_closed';
  return null;
}

/** Signing off (or withdrawing the sign-off of) a round's final list belongs to approvers. */
export function signoffRefusal(actor: Actor | null): Refusal | null {
  return hasRole(actor, 'approver') ? null : 'forbidden';
}

/** Recording the council's sitting and voting its list belongs to approvers (each row is judged as a
 * single approval: separation of duties holds per nominee). */
export function sittingRefusal(actor: Actor | null): Refusal | null {
  return hasRole(actor, 'approver') ? null : 'forbidden';
}

/** Reading the final list: approvers who sign it, administrators who record the decision. */
export function canReadFinalList(actor: Actor | null): boolean {
  return hasRole(actor, 'approver') || hasRole(actor, 'admin');
}

export type RoundAction = 'create' | 'edit' | 'transition' | 'decide' | 'publish' | 'revoke' | 'audit';

export function roundRefusal(actor: Actor | null, _action: RoundAction): Refusal | null {
  // Rounds, decisions, publication, revocation and the audit log belong to administrators.
  return hasRole(actor, 'admin') ? null : 'forbidden';
}
