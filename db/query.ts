// Helpers for writing a query once for any engine. Free of `server-only`: scripts and tests use them too.

/** The first row of a query (with `LIMIT 1` when the query is a select), or undefined. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  const limited = typeof (query as { limit?: unknown }).limit === 'function' ? (query as unknown as { limit(n: number): PromiseLike<T[]> }).limit(1) : query;
  return (await limited)[0];
}
