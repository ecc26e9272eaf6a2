// Where to go back after signing in: a page of the staff area asked for before, never another site.
/** A page of this site to return to after signing in (the staff area or one's account), else null: never
 * another origin ("//evil", "/\\evil", "https:…"). */
export function safeCallbackUrl(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 2000) return null;
  return /^\/(?:(?:en|ko)\/)?(?:manage|account)(?:[/?#]|$)/.test(v) && !/[\\\s]/.test(v) ? v : null;
}
