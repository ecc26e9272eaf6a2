// Pure authorization rules: who may do what to which subject. No I/O; lib/ calls these inside its
// data-access functions, and the table-driven tests exercise them exhaustively.
import type { Role } from '@/db/tables';

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

/**
 * The one predicate for "inside a unit's subtree": `path` lies under (or is) the unit whose path is
 * `root`. Paths are materialised ancestor lists ("/1/4/17/"), so it is a prefix test.
 */
export function inSubtree(path: string, root: string): boolean {
  return path.startsWith(root);
}

/** The ids on a materialised path, root first: the unit itself and every unit above it. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Office roles (reviewer, approver, admin) act on the rounds their own unit's subtree runs. */
export function isOffice(actor: Actor | null | undefined): actor is Actor {
  return !!actor && actor.roles.some((r) => r === 'reviewer' || r === 'approver' || r === 'admin');
}

export function unitInScope(actor: Actor, unitPath: string): boolean {
  return inSubtree(unitPath, actor.unitPath);
}

/** An office role over a round: the round is run by the actor's unit or a unit below it. */
export function officeOverRound(actor: Actor | null | undefined, role: Role, roundUnitPath: string): actor is Actor {
  return hasRole(actor, role) && inSubtree(roundUnitPath, actor.unitPath);
}

/**
 * Who sees a round: the office of the unit that runs it (or of a unit above), and the officers inside
 * the round's unit, whose subtree may be nominated in it.
 */
export function roundInScope(actor: Actor | null | undefined, roundUnitPath: string): boolean {
  if (!isStaff(actor)) return false;
  return (isOffice(actor) && inSubtree(roundUnitPath, actor.unitPath)) || (hasRole(actor, 'officer') && inSubtree(actor.unitPath, roundUnitPath));
}

/** A nomination is seen by the office over its round and by the officers over its nominating unit. */
export function canSeeNomination(actor: Actor | null, nominationUnitPath: string, roundUnitPath: string): boolean {
  if (!isStaff(actor)) return false;
  return (isOffice(actor) && inSubtree(roundUnitPath, actor.unitPath)) || (hasRole(actor, 'officer') && unitInScope(actor, nominationUnitPath));
}

/** Navigation entries a role sees in the staff area (UI convenience; lib/ enforces the rules). */
export function staffMenu(actor: Actor): Array<'dashboard' | 'rounds' | 'nominations' | 'people' | 'records' | 'rules' | 'review' | 'approve' | 'import' | 'audit' | 'units' | 'users'> {
  const items: ReturnType<typeof staffMenu> = ['dashboard', 'rounds', 'nominations', 'people', 'records', 'rules'];
  if (hasRole(actor, 'officer') || hasRole(actor, 'admin')) items.push('import');
  if (hasRole(actor, 'reviewer')) items.push('review');
  if (hasRole(actor, 'approver')) items.push('approve');
  if (hasRole(actor, 'admin')) items.push('audit', 'units', 'users');
  return items;
}

// ---------------------------------------------------------------------------------------------
// Workflow rules. Each returns null when allowed, or the DomainError code that explains the refusal.

export type NominationAction =
  | 'view'
  | 'edit'
  | 'submit'
  | 'comment'
  | 'return'
  | 'check'
  | 'approve'
  | 'reject'
  | 'reconsider'
  | 'withdraw'
  | 'exclude';

export type NominationContext = {
  unitPath: string;
  /** Path of the unit that runs the round: its office acts on the nomination. */
  roundUnitPath: string;
  status: import('@/db/tables').NominationStatus;
  roundStatus: import('@/db/tables').RoundStatus;
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

/** Statuses that keep a round's final list from being signed off. */
export const PENDING_STATUSES = ['submitted', 'returned', 'checked'] as const;

/**
 * Who may act on a nomination as its unit: the unit's officer, or an administrator of the round's
 * office on the unit's behalf (a ward with no officer account is never stuck).
 */
export function actsForUnit(actor: Actor | null, ctx: Pick<NominationContext, 'unitPath' | 'roundUnitPath'>): 'officer' | 'on_behalf' | null {
  if (hasRole(actor, 'officer') && unitInScope(actor, ctx.unitPath)) return 'officer';
  if (officeOverRound(actor, 'admin', ctx.roundUnitPath)) return 'on_behalf';
  return null;
}

export function nominationRefusal(actor: Actor | null, action: NominationAction, ctx: NominationContext, now = new Date()): Refusal | null {
  if (!canSeeNomination(actor, ctx.unitPath, ctx.roundUnitPath)) return 'not_found';
  const officerHere = hasRole(actor, 'officer') && unitInScope(actor, ctx.unitPath);
  const office = (role: Role) => officeOverRound(actor, role, ctx.roundUnitPath);
  // A signed-off final list is frozen: nothing on it changes until the approver withdraws the sign-off.
  if (ctx.frozen && action !== 'view' && action !== 'comment') return 'frozen';
  const inProgress = ctx.roundStatus === 'open' || ctx.roundStatus === 'reviewing';
  switch (action) {
    case 'view':
    case 'comment':
      return null;
    case 'edit':
    case 'submit': {
      // Drafts belong to the unit's officer while the round is open. A returned nomination is answered
      // while the round is open or in review, by the officer or by an admin on the unit's behalf; in
      // review the nomination window no longer applies to that answer.
      const returned = ctx.status === 'returned';
      if (!officerHere && !(returned && office('admin'))) return 'forbidden';
      if (ctx.roundStatus === 'open' && (ctx.status === 'draft' || returned)) {
        return action === 'submit' && !windowIsOpen(ctx, now) ? 'window_closed' : null;
      }
      if (ctx.roundStatus === 'reviewing' && returned) return null;
      return 'invalid_state';
    }
    case 'withdraw':
      // The unit takes its own nomination back (or an admin for it) before it is checked.
      if (!actsForUnit(actor, ctx)) return 'forbidden';
      if (!inProgress || !['draft', 'submitted', 'returned'].includes(ctx.status)) return 'invalid_state';
      return null;
    case 'exclude':
      // The office leaves a nomination out of the round with a reason (it then no longer blocks sign-off).
      if (!office('admin')) return 'forbidden';
      if (!inProgress || !['draft', 'submitted', 'returned', 'checked'].includes(ctx.status)) return 'invalid_state';
      return null;
    case 'return':
    case 'check':
      if (!office('reviewer')) return 'forbidden';
      if (!inProgress) return 'invalid_state';
      if (action === 'check' ? ctx.status !== 'submitted' : ctx.status !== 'submitted' && ctx.status !== 'checked') return 'invalid_state';
      return null;
    case 'approve':
    case 'reject':
    case 'reconsider':
      if (!office('approver')) return 'forbidden';
      if (ctx.roundStatus !== 'reviewing') return 'invalid_state';
      // Reconsidering takes an approval or rejection back to "checked", to be judged again.
      if (action === 'reconsider' ? ctx.status !== 'approved' && ctx.status !== 'rejected' : ctx.status !== 'checked') return 'invalid_state';
      if (ctx.submittedBy === actor!.id || ctx.createdBy === actor!.id) return 'separation_of_duties';
      if (actor!.individualId !== null && ctx.nomineeIndividualId === actor!.individualId) return 'separation_of_duties';
      return null;
  }
}

/**
 * Creating a nomination: an officer inside the round's unit, in an open round whose window is open, for
 * a unit of their subtree that also lies in the round's subtree.
 */
export function createNominationRefusal(
  actor: Actor | null,
  ctx: { unitPath: string; roundUnitPath: string; roundStatus: import('@/db/tables').RoundStatus; windowOpensAt: Date | null; windowClosesAt: Date | null },
  now = new Date(),
): Refusal | null {
  if (!isStaff(actor)) return 'forbidden';
  if (!roundInScope(actor, ctx.roundUnitPath)) return 'not_found';
  if (!hasRole(actor, 'officer') || !unitInScope(actor, ctx.unitPath) || !inSubtree(ctx.unitPath, ctx.roundUnitPath)) return 'forbidden';
  if (ctx.roundStatus !== 'open') return 'invalid_state';
  if (!windowIsOpen(ctx, now)) return 'window_closed';
  return null;
}

/** Signing off (or withdrawing the sign-off of) a round's final list belongs to its office's approvers. */
export function signoffRefusal(actor: Actor | null, roundUnitPath: string): Refusal | null {
  if (!hasRole(actor, 'approver')) return 'forbidden';
  return officeOverRound(actor, 'approver', roundUnitPath) ? null : 'not_found';
}

/** Recording the council's sitting and voting its list belongs to approvers (each row is judged as a
 * single approval: separation of duties holds per nominee). */
export function sittingRefusal(actor: Actor | null, roundUnitPath: string): Refusal | null {
  if (!hasRole(actor, 'approver')) return 'forbidden';
  return officeOverRound(actor, 'approver', roundUnitPath) ? null : 'not_found';
}

/** Reading the final list: approvers who sign it, administrators who record the decision — of the round's office. */
export function canReadFinalList(actor: Actor | null, roundUnitPath?: string): boolean {
  const role = (r: Role) => (roundUnitPath === undefined ? hasRole(actor, r) : officeOverRound(actor, r, roundUnitPath));
  return role('approver') || role('admin');
}

export type RoundAction = 'create' | 'edit' | 'transition' | 'decide' | 'publish' | 'revoke' | 'audit';

/**
 * Rounds, decisions, publication, revocation and the audit log belong to administrators — of the
 * round's office when a round is named (another office's round reads as not found).
 */
export function roundRefusal(actor: Actor | null, _action: RoundAction, roundUnitPath?: string): Refusal | null {
  if (!hasRole(actor, 'admin')) return 'forbidden';
  if (roundUnitPath !== undefined && !inSubtree(roundUnitPath, actor.unitPath)) return 'not_found';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Yearly records and eligibility rules (lib/eligibility.ts).

/**
 * A nominee's yearly records are read by staff whose subtree holds the nominee's unit (the office over its
 * rounds included), and written by that subtree's officers and admins. Another unit's records read as not found.
 */
export function recordsRefusal(actor: Actor | null, action: 'read' | 'write', nomineeUnitPath: string): Refusal | null {
  if (!isStaff(actor) || !unitInScope(actor, nomineeUnitPath)) return 'not_found';
  if (action === 'write' && !hasRole(actor, 'officer') && !hasRole(actor, 'admin')) return 'forbidden';
  return null;
}

/** The eligibility rules are the deployment's law: every staff member reads them; administrators of a root
 * unit (the top of an authority's tree) edit them. */
export function rulesRefusal(actor: Actor | null, action: 'read' | 'edit'): Refusal | null {
  if (!isStaff(actor)) return 'forbidden';
  if (action === 'edit' && !(hasRole(actor, 'admin') && pathIds(actor.unitPath).length === 1)) return 'forbidden';
  return null;
}
