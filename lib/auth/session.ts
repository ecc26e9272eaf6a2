// Session lifetime: a JWT cookie that ends after 8 hours without a request. Any request after
// `updateAge` re-issues it with a fresh expiry, so activity keeps a session alive.
export const SESSION = { strategy: 'jwt', maxAge: 8 * 60 * 60, updateAge: 15 * 60 } as const;
