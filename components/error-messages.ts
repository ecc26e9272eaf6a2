// The error catalogue handed to client forms: every DomainError code in the user's language.
import { getTranslations } from 'next-intl/server';
import type { DomainErrorCode } from '@/lib/errors';

const CODES = ['not_found', 'forbidden', 'invalid_input', 'generic', 'quota_exceeded', 'window_closed', 'separation_of_duties', 'invalid_state', 'precondition', 'conflict', 'frozen', 'rate_limited', 'invalid_file', 'choice_required', 'future_date', 'invalid_field', 'session_expired', 'session_expired_link', 'file_too_large', 'council_vote', 'list_frozen', 'must_change_password', 'possible_duplicate', 'eligibility_exception'] as const;

// Every DomainError code has its message here: a code added to lib/errors.ts without one fails the typecheck.
type Missing = Exclude<DomainErrorCode, (typeof CODES)[number]>;
const everyCode: [Missing] extends [never] ? true : Missing = true;
void everyCode;

export async function errorMessages(): Promise<Record<string, string>> {
  const t = await getTranslations('errors');
  // Templates keep their {placeholders}: the form fills them from the error's parameters.
  return Object.fromEntries(CODES.map((c) => [c, t.raw(c) as string]));
}
