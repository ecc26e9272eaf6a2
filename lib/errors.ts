// Errors are values: a code the UI maps to a message in the user's language, plus parameters.
export type DomainErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'invalid_state'
  | 'quota_exceeded'
  | 'window_closed'
  | 'separation_of_duties'
  | 'conflict'
  | 'rate_limited'
  | 'frozen'
  | 'precondition'
  | 'invalid_file'
  | 'choice_required'
  | 'future_date'
  /** A council vote the round's rule refuses (lib/council-rule.ts: reason, field and the numbers). */
  | 'council_vote'
  /** A registry or unit edit that would change an entry of a signed-off list (params: round). */
  | 'list_frozen'
  /** A new person or collective whose name resembles one already in the unit (params: field, names). */
  | 'possible_duplicate'
  /** Sending a nominee who fails an eligibility rule of the round's form needs a reason (params: rules). */
  | 'eligibility_exception';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
