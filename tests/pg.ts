// PostgreSQL for the tests (issue 16): where the server is, and the template every test database is copied
// from. Used by the vitest global setup, tests/db.ts and db/migrations-pg.test.ts.
import fs from 'node:fs';
import os from 'node:os';

/**
 * VD_TEST_DB_TAG gives a run databases of its own names, so two runs on one server (two checkouts) never drop
 * each other's: `vdx<tag>_…` is matched by neither the untagged names nor their LIKE pattern.
 */
const TAG = process.env.VD_TEST_DB_TAG ? `x${process.env.VD_TEST_DB_TAG.toLowerCase().replace(/[^a-z0-9]/g, '')}` : '';
/** The template database the global setup migrates once; each test file's databases are copies of it. */
export const TEMPLATE_DB = `vd${TAG}_test_template`;
/** Prefix of the per-test databases (dropped by the global teardown). */
export const TEST_DB_PREFIX = `vd${TAG}_t_`;

/**
 * The server URL the tests connect to for creating databases: TEST_PG_URL, or the local server over its
 * Unix socket as this OS user (`postgres:///postgres`, libpq's "local server", spelled out for node-postgres).
 */
export function pgServerUrl(given = process.env.TEST_PG_URL || 'postgres:///postgres'): string {
  const url = new URL(given);
  if (url.hostname || url.searchParams.has('host')) return url.toString();
  const socket = ['/var/run/postgresql', '/tmp'].find((dir) => fs.existsSync(dir)) ?? 'localhost';
  const user = url.username || process.env.PGUSER || os.userInfo().username;
  const local = new URL(`postgres://${encodeURIComponent(user)}@localhost${url.pathname && url.pathname !== '/' ? url.pathname : '/postgres'}${url.search}`);
  local.searchParams.set('host', socket);
  return local.toString();
}

/** The same server, another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Byte order for text, like SQLite (db/schema.pg.ts); template0 so the collation may differ from the server's default. */
export const createDatabaseSql = (name: string, template = 'template0') =>
  `CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`;
