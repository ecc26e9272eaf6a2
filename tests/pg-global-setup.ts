// vitest global setup of the PostgreSQL run (DATABASE_URL=postgres://…, scripts/test-pg.ts): one migrated
// template database, copied by every await freshDatabase() (tests/db.ts); the copies are dropped at the end.
import pg from 'pg';
import { migratePgDatabase, openPgDatabase } from '@/db/connection-pg';
import { createDatabaseSql, TEMPLATE_DB, TEST_DB_PREFIX, withDatabase } from './pg';

async function dropTestDatabases(admin: pg.Client, alsoTemplate: boolean): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%' OR datname = $1`, [alsoTemplate ? TEMPLATE_DB : '']);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
}

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL!;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL did not answer at ${url.replace(/:[^:@/]*@/, ':***@')} (${(e as Error).message}): start a server or set TEST_PG_URL.`);
  }
  await dropTestDatabases(admin, true);
  await admin.query(createDatabaseSql(TEMPLATE_DB));
  const template = openPgDatabase(withDatabase(url, TEMPLATE_DB), { max: 1 });
  await migratePgDatabase(template);
  await template.$client.end();
  return async () => {
    await dropTestDatabases(admin, true);
    await admin.end();
  };
}
