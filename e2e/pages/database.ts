// The database the app under test serves from, opened by a spec to write as "another process" would: the
// SQLite file of playwright.config.ts, or the PostgreSQL database of playwright.pg.config.ts (each config sets
// E2E_DATABASE_URL, in the runner and in its workers). Statements use `?` placeholders on both engines.
import Database from 'better-sqlite3';
import pg from 'pg';

export interface E2eDatabase {
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
  /** A timestamp column's value for "now" (epoch milliseconds on SQLite, timestamptz on PostgreSQL). */
  now(): unknown;
}

export function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set (playwright.config.ts and playwright.pg.config.ts set it)');
  return url;
}

export async function openDatabase(): Promise<E2eDatabase> {
  const url = databaseUrl();
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let n = 0;
    const numbered = (sql: string) => ((n = 0), sql.replace(/\?/g, () => `$${++n}`));
    return {
      get: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows[0] as T | undefined,
      run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
      close: () => client.end(),
      now: () => new Date(),
    };
  }
  const db = new Database(url.replace(/^file:/, ''));
  db.pragma('busy_timeout = 5000');
  return {
    get: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql, params = []) => void db.prepare(sql).run(...params),
    close: async () => void db.close(),
    now: () => Date.now(),
  };
}

/** Runs `fn` with the database open, and closes it. */
export async function withDatabase<T>(fn: (db: E2eDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
