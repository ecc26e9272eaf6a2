import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

// db/migrations-pg.test.ts needs a PostgreSQL server: registered only when asked for (VINHDANH_PG=1 or
// TEST_PG_URL), so it never skips silently and never fails for want of a server nobody asked for.
const withPostgres = process.env.VINHDANH_PG === '1' || Boolean(process.env.TEST_PG_URL);

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/server-only-stub.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: withPostgres ? configDefaults.exclude : [...configDefaults.exclude, 'db/migrations-pg.test.ts'],
    environment: 'node',
    pool: 'forks',
    server: { deps: { inline: ['next-auth'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
