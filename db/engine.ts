// Which database engine this process runs on, from DATABASE_URL (issue 16): `file:…` (or nothing) is the
// embedded SQLite database, `postgres://…` / `postgresql://…` is a PostgreSQL server. Chosen once, at start.
import { is } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(url: string | undefined = process.env.DATABASE_URL): Engine {
  return url && /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

export const ENGINE: Engine = engineOf();

/** Whether a drizzle database or transaction object talks to PostgreSQL. */
export function isPostgresDb(db: object): boolean {
  return is(db, PgDatabase);
}
