// The PostgreSQL migrations on a real server (issue 16 item 2): a scratch database is created, migrated and
// dropped. Registered only with VINHDANH_PG=1 or TEST_PG_URL set (vitest.config.mts); then a server that
// does not answer fails the run with a message, never a skip. TEST_PG_URL names a database to connect to
// for creating the scratch one (default: the local server over its Unix socket, as the current OS user).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { count, eq, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { migrateDatabase, openDatabase } from './connection';
import { migratePgDatabase, openPgDatabase, syncPgIdentities, type PgDB } from './connection-pg';
import * as schema from './schema.pg';
import { auditEvents, awards, individuals, nominations, roundPhotos, rounds, settings, units, users } from './schema.pg';

/** `postgres:///postgres` (libpq's "local server") → the Unix socket Debian's packages use, as this OS user. */
function serverUrl(): string {
  const given = new URL(process.env.TEST_PG_URL || 'postgres:///postgres');
  if (given.hostname || given.searchParams.has('host')) return given.toString();
  const socket = ['/var/run/postgresql', '/tmp'].find((dir) => fs.existsSync(dir)) ?? 'localhost';
  const user = given.username || process.env.PGUSER || os.userInfo().username;
  const url = new URL(`postgres://${encodeURIComponent(user)}@localhost${given.pathname || '/postgres'}${given.search}`);
  url.searchParams.set('host', socket);
  return url.toString();
}

const scratchName = `vinhdanh_pgschema_test_${process.pid}_${Date.now()}`;
let admin: pg.Client;
let adminConnected = false;
let db: PgDB;

beforeAll(async () => {
  const url = serverUrl();
  admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    adminConnected = true;
  } catch (e) {
    const shown = url.replace(/:[^:@/]*@/, ':***@');
    throw new Error(
      `PostgreSQL did not answer at ${shown} (${(e as Error).message}). This test runs because VINHDANH_PG=1 or TEST_PG_URL is set: ` +
        'start a server (pg_ctlcluster 15 main start) or point TEST_PG_URL at one whose user may CREATE DATABASE.',
    );
  }
  // Byte order for text, like SQLite (db/schema.pg.ts).
  await admin.query(`CREATE DATABASE ${scratchName} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`);
  const scratch = new URL(url);
  scratch.pathname = `/${scratchName}`;
  db = openPgDatabase(scratch.toString(), { max: 4 });
  await migratePgDatabase(db);
});

afterAll(async () => {
  await db?.$client.end();
  if (adminConnected) {
    await admin.query(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
    await admin.end();
  }
});

const PG_TYPE_OF_VALUE: Record<string, string> = {
  date: 'timestamp with time zone',
  boolean: 'boolean',
  json: 'json',
  number: 'integer',
  string: 'text',
};

const version = async () => (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'public_version')))[0]?.value;

describe('db/migrations-pg on PostgreSQL', () => {
  it('migrating again changes nothing', async () => {
    await migratePgDatabase(db);
    const { rows } = await db.$client.query('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
    expect(rows[0].n).toBe(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'migrations-pg', 'meta', '_journal.json'), 'utf8')).entries.length);
  });

  it('creates every table of the schema with its columns, indexes, checks and foreign keys', async () => {
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
    expect(tables).toHaveLength(24);
    for (const table of tables) {
      const config = getTableConfig(table);
      const { rows: columns } = await db.$client.query(
        `SELECT column_name, is_nullable, data_type, column_default, is_identity FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [config.name],
      );
      // The same columns (a column added by a later migration comes last in the table, wherever the schema lists it).
      expect(columns.map((c) => c.column_name).sort(), config.name).toEqual(config.columns.map((c) => c.name).sort());
      for (const column of config.columns) {
        const found = columns.find((c) => c.column_name === column.name)!;
        expect(
          { nullable: found.is_nullable, type: found.data_type, hasDefault: found.column_default !== null || found.is_identity === 'YES' },
          `${config.name}.${column.name}`,
        ).toEqual({ nullable: column.notNull ? 'NO' : 'YES', type: PG_TYPE_OF_VALUE[column.dataType], hasDefault: column.hasDefault });
      }
      const { rows: indexes } = await db.$client.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, [config.name]);
      expect(indexes.map((i) => i.indexname), config.name).toEqual(expect.arrayContaining(config.indexes.map((i) => i.config.name)));
      const { rows: constraints } = await db.$client.query(
        `SELECT conname, contype FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('c', 'f')`,
        [config.name],
      );
      expect(constraints.filter((c) => c.contype === 'c').map((c) => c.conname).sort(), config.name).toEqual(config.checks.map((c) => c.name).sort());
      expect(constraints.filter((c) => c.contype === 'f'), config.name).toHaveLength(config.foreignKeys.length);
    }
  });

  let unitId: number;
  let userId: number;
  let roundId: number;
  let awardId: number;

  it('carries the JS values of the SQLite schema: numbers, booleans, Dates, parsed JSON, counts', async () => {
    const before = await version();
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    [{ id: unitId }] = await db.insert(units).values({ slug: 'phuong-1', name: 'Phường 1', kind: 'ward', path: '/' }).returning({ id: units.id });
    await db.update(units).set({ path: `/${unitId}/` }).where(eq(units.id, unitId));
    [{ id: userId }] = await db.insert(users).values({ username: 'admin', displayName: 'Admin', passwordHash: 'x', unitId }).returning({ id: users.id });
    const [unit] = await db.select().from(units).where(eq(units.id, unitId));
    expect(unit).toMatchObject({ id: unitId, active: true, parentId: null });
    expect(unit.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(unit.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [{ n }] = await db.select({ n: count() }).from(units);
    const [{ raw }] = await db.select({ raw: sql<number>`count(*)` }).from(units);
    const { rows } = await db.$client.query('SELECT sum(id) AS s, avg(id) AS a FROM units');
    expect([n, raw, rows[0].s, rows[0].a]).toEqual([1, 1, unitId, unitId]);
  });

  it('keeps audit bodies as written (key order), which the hash chain re-serialises', async () => {
    const body = { z: 1, a: [2, { y: 'đ', b: null }], m: true };
    await db.insert(auditEvents).values({ at: new Date(1_700_000_000_123), actorId: userId, action: 'test', entityType: 'unit', entityId: unitId, before: body, prevHash: '0', hash: '1' });
    const [row] = await db.select().from(auditEvents);
    expect(JSON.stringify(row.before)).toBe(JSON.stringify(body));
    expect(row.after).toBeNull();
    expect(row.at).toEqual(new Date(1_700_000_000_123));
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit_events, with the message SQLite gives', async () => {
    const sqlite = openDatabase('file::memory:');
    migrateDatabase(sqlite);
    sqlite.$client.prepare(`INSERT INTO audit_events (at, action, entity_type, prev_hash, hash) VALUES (1, 'a', 'b', '0', '1')`).run();
    let sqliteMessage = '';
    try {
      sqlite.$client.prepare('UPDATE audit_events SET action = ?').run('changed');
    } catch (e) {
      sqliteMessage = (e as Error).message;
    }
    sqlite.$client.close();
    expect(sqliteMessage).toBe('audit_events is append-only');

    const refusal = async (statement: string) => {
      try {
        await db.$client.query(statement);
      } catch (e) {
        return { message: (e as Error).message, code: (e as { code?: string }).code };
      }
      return null;
    };
    const expected = { message: sqliteMessage, code: '23001' };
    expect(await refusal(`UPDATE audit_events SET action = 'changed'`)).toEqual(expected);
    expect(await refusal('DELETE FROM audit_events')).toEqual(expected);
    expect(await refusal('TRUNCATE audit_events')).toEqual(expected);
    expect(await db.select({ action: auditEvents.action }).from(auditEvents)).toEqual([{ action: 'test' }]);
  });

  it('moves the public-data version on every change to rounds, awards, units and round photos, once per transaction', async () => {
    const moves = async (change: () => Promise<unknown>) => {
      const before = await version();
      await change();
      const after = await version();
      expect(after).toMatch(/^[0-9a-f]{16}$/);
      return after !== before;
    };
    expect(await moves(async () => {
      [{ id: roundId }] = await db
        .insert(rounds)
        .values({ slug: 'r', title: 'R', theme: 't', period: '2024', authority: 'UBND', awardForm: 'Giấy khen', unitId })
        .returning({ id: rounds.id });
    })).toBe(true);
    const [{ id: individualId }] = await db.insert(individuals).values({ fullName: 'Nguyễn Văn Đức', nameFolded: 'nguyen van duc', unitId }).returning({ id: individuals.id });
    const [{ id: nominationId }] = await db.insert(nominations).values({ roundId, nomineeKind: 'individual', individualId, unitId }).returning({ id: nominations.id });
    expect(await moves(() => db.update(nominations).set({ status: 'submitted' }).where(eq(nominations.id, nominationId)))).toBe(false);
    expect(await moves(async () => {
      [{ id: awardId }] = await db
        .insert(awards)
        .values({ publicId: 'p1', roundId, nominationId, nomineeKind: 'individual', individualId, ordinal: 1, name: 'Nguyễn Văn Đức', unitId, unitName: 'Phường 1', summary: 'Hoàn thành xuất sắc nhiệm vụ' })
        .returning({ id: awards.id });
    })).toBe(true);
    expect(await moves(() => db.update(awards).set({ revokeReason: 'x' }).where(eq(awards.id, awardId)))).toBe(true);
    expect(await moves(() => db.update(rounds).set({ status: 'published' }).where(eq(rounds.id, roundId)))).toBe(true);
    expect(await moves(() => db.update(units).set({ shortName: 'P1' }).where(eq(units.id, unitId)))).toBe(true);
    // A statement that changes no row leaves the version alone, as SQLite's row triggers do.
    expect(await moves(() => db.update(units).set({ shortName: 'P2' }).where(eq(units.id, -1)))).toBe(false);
    let photoId = 0;
    expect(await moves(async () => {
      [{ id: photoId }] = await db.insert(roundPhotos).values({ roundId, sha256: 'ab', alt: 'a', width: 1, height: 1, widths: '480', uploadedBy: userId }).returning({ id: roundPhotos.id });
    })).toBe(true);
    expect(await moves(() => db.delete(roundPhotos).where(eq(roundPhotos.id, photoId)))).toBe(true);
    expect(await moves(() => db.delete(units).where(eq(units.slug, 'none')))).toBe(false);

    // In the writing transaction the version stands still until its deferred triggers run (at commit, or
    // here at SET CONSTRAINTS ALL IMMEDIATE); then the settings row is updated once for three changed rows.
    const inside = await db.transaction(async (tx) => {
      const read = async () => (await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, 'public_version')))[0].value;
      // Pending statistics of this backend (they may include its earlier transactions until flushed): a difference.
      const settingsUpdates = async () =>
        (await tx.execute<{ n: number }>(sql`SELECT n_tup_upd AS n FROM pg_stat_xact_user_tables WHERE relname = 'settings'`)).rows[0].n;
      const updatesBefore = await settingsUpdates();
      const first = await read();
      await tx.update(units).set({ shortName: 'P3' }).where(eq(units.id, unitId));
      await tx.update(rounds).set({ title: 'R2' }).where(eq(rounds.id, roundId));
      await tx.update(awards).set({ revokeReason: 'y' }).where(eq(awards.id, awardId));
      const second = await read();
      await tx.execute(sql`SET CONSTRAINTS ALL IMMEDIATE`);
      const third = await read();
      return { first, second, third, settingsUpdates: (await settingsUpdates()) - updatesBefore };
    });
    expect(inside.second).toBe(inside.first);
    expect(inside.third).not.toBe(inside.first);
    expect(inside.settingsUpdates).toBe(1);
    expect(await version()).toBe(inside.third);
  });

  it('the search table matches folded words by column, as a phrase and as a beginning', async () => {
    await db.$client.query(`INSERT INTO award_search (award_id, name, unit, position, summary) VALUES ($1, $2, $3, $4, $5)`, [
      awardId,
      'nguyen van duc',
      'phuong 1',
      'chu-tich',
      'hoan thanh xuat sac nhiem vu 2024',
    ]);
    const hits = async (query: string) =>
      (await db.$client.query(`SELECT award_id FROM award_search WHERE document @@ to_tsquery('simple', $1)`, [query])).rows.length;
    expect(await hits("'nguyen':A <-> 'van':A <-> 'duc':A")).toBe(1);
    expect(await hits("'van':A <-> 'nguyen':A")).toBe(0);
    expect(await hits("'nguyen':A & 'duc':A")).toBe(1);
    expect(await hits("'nguyen':A <-> 'van':A <-> 'd':*A")).toBe(1);
    expect(await hits("'phuong':A")).toBe(0);
    expect(await hits("'phuong':BCD <-> '1':BCD")).toBe(1);
    expect(await hits("'chu':C <-> 'tich':C")).toBe(1);
    expect(await hits("'xuat':D <-> 'sac':D & '2024'")).toBe(1);
    const { rows } = await db.$client.query(
      `SELECT ts_rank('{0.1, 0.2, 0.4, 1.0}', document, to_tsquery('simple', 'nguyen')) > ts_rank('{0.1, 0.2, 0.4, 1.0}', document, to_tsquery('simple', 'nhiem')) AS name_first FROM award_search`,
    );
    expect(rows[0].name_first).toBe(true);
    // The GIN index serves the match (the planner would scan a table this small; forbid that).
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return JSON.stringify((await tx.execute(sql`EXPLAIN (FORMAT JSON) SELECT award_id FROM award_search WHERE document @@ to_tsquery('simple', 'duc:*A')`)).rows);
    });
    expect(plan).toContain('award_search_document');
  });

  it('takes explicit ids, and syncPgIdentities moves the identity past them', async () => {
    await db.insert(units).values({ id: 1000, slug: 'explicit', name: 'E', kind: 'ward', path: '/1000/' });
    await syncPgIdentities(db);
    const [{ id }] = await db.insert(units).values({ slug: 'next', name: 'N', kind: 'ward', path: '/x/' }).returning({ id: units.id });
    expect(id).toBe(1001);
    await syncPgIdentities(db);
    const [{ id: again }] = await db.insert(units).values({ slug: 'again', name: 'A', kind: 'ward', path: '/y/' }).returning({ id: units.id });
    expect(again).toBe(1002);
  });
});
