import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migrations (issue 16): `npm run db:generate:pg`. db/schema-parity.test.ts keeps
// db/schema.pg.ts equal to db/schema.ts, whose migrations drizzle.config.ts generates.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './db/migrations-pg',
});
