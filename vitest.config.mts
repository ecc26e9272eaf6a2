import os from 'node:os';
import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

// db/migrations-pg.test.ts needs a PostgreSQL server: registered only when asked for (VINHDANH_PG=1 or
// TEST_PG_URL), so it never skips silently and never fails for want of a server nobody asked for.
const withPostgres = process.env.VINHDANH_PG === '1' || Boolean(process.env.TEST_PG_URL);

// The PostgreSQL run of the whole suite (scripts/test-pg.ts sets DATABASE_URL=postgres://…): every test
// database is a copy of one migrated template (tests/pg-global-setup.ts). Every file runs on both engines
// but these, which test SQLite itself — its file and backup API, the page cache's read of the file — and
// have PostgreSQL counterparts named beside them; they run in the SQLite run only.
const onPostgres = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '');
const SQLITE_ONLY = ['tests/backup-audit.test.ts', 'lib/page-cache-handler.test.ts'];
// …and their PostgreSQL counterparts (pg_dump/pg_restore and the audit chain on a server).
const POSTGRES_ONLY = ['tests/backup-pg.test.ts', 'lib/page-cache-handler-pg.test.ts'];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/server-only-stub.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(withPostgres ? [] : ['db/migrations-pg.test.ts']), ...(onPostgres ? SQLITE_ONLY : POSTGRES_ONLY)],
    globalSetup: onPostgres ? ['tests/pg-global-setup.ts'] : [],
    environment: 'node',
    pool: 'forks',
    // Two files at a time even on two cores (Vitest's default is one fewer than the cores): the crash, quota-race
    // and PostgreSQL files wait on other processes much of the time. SQLite run 193 → 165 s, PostgreSQL 342 → 255 s.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    server: { deps: { inline: ['next-auth'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
