// rows(): raw SQL on either engine. On SQLite its statements are prepared once per connection and reused: a reused
// statement reads the data as it is now, with its new parameters, after a schema change, and inside a transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeDatabase, withTransaction, type DB } from '@/db/connection';
import type { PgDB } from '@/db/connection-pg';
import { isPostgresDb } from '@/db/engine';
import { freshDatabase } from '@/tests/db';
import { exec, rows } from './query';

let db: DB;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await exec(db, sql`CREATE TABLE q_test (id integer PRIMARY KEY, name text NOT NULL)`);
});

afterAll(async () => closeDatabase(db));

const names = async (d: DB, min: number) => (await rows<{ name: string }>(d, sql`SELECT name FROM q_test WHERE id >= ${min} ORDER BY id`)).map((r) => r.name);

describe('rows()', () => {
  it('reads the data as it is now, with each call’s parameters', async () => {
    expect(await names(db, 1)).toEqual([]);
    await exec(db, sql`INSERT INTO q_test (id, name) VALUES (1, 'An'), (2, 'Bình')`);
    expect(await names(db, 1)).toEqual(['An', 'Bình']);
    expect(await names(db, 2)).toEqual(['Bình']);
    await exec(db, sql`UPDATE q_test SET name = 'Chi' WHERE id = 2`);
    expect(await names(db, 2)).toEqual(['Chi']);
  });

  it('on SQLite prepares a statement once per connection (PostgreSQL: the driver’s own path)', async () => {
    if (isPostgresDb(db)) {
      expect(await names(db, 1)).toEqual(['An', 'Chi']);
      return;
    }
    const client = db.$client;
    const prepare = client.prepare.bind(client);
    let prepared = 0;
    client.prepare = ((text: string) => (prepared++, prepare(text))) as typeof client.prepare;
    try {
      for (let i = 0; i < 5; i++) expect(await names(db, 1 + (i % 2))).toEqual(i % 2 ? ['Chi'] : ['An', 'Chi']);
      expect(prepared).toBe(0); // prepared by the first test already
      await rows(db, sql`SELECT count(*) AS n FROM q_test WHERE name <> ${'x'}`);
      await rows(db, sql`SELECT count(*) AS n FROM q_test WHERE name <> ${'y'}`);
      expect(prepared).toBe(1);
    } finally {
      client.prepare = prepare;
    }
  });

  it('sees a transaction’s own writes inside it, and nothing of a rolled-back one after', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await exec(tx, sql`INSERT INTO q_test (id, name) VALUES (3, 'Dũng')`);
        expect(await names(tx, 3)).toEqual(['Dũng']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await names(db, 3)).toEqual([]);
  });

  it('follows a change of the schema', async () => {
    expect(await rows(db, sql`SELECT * FROM q_test WHERE id = ${1}`)).toEqual([{ id: 1, name: 'An' }]);
    await exec(db, sql`ALTER TABLE q_test ADD COLUMN note text`);
    expect(await rows(db, sql`SELECT * FROM q_test WHERE id = ${1}`)).toEqual([{ id: 1, name: 'An', note: null }]);
  });

  it('keeps working past the cap of kept statements', async () => {
    for (let i = 0; i < 250; i++) expect(await rows<{ n: number }>(db, sql`SELECT ${i} + ${sql.raw(String(i))} AS n`)).toEqual([{ n: 2 * i }]);
    expect(await names(db, 1)).toEqual(['An', 'Chi']);
  });

  it('gives the values drizzle’s execute gives: numbers, text, booleans, nulls; dates and times as the engine’s text', async () => {
    const query = sql`SELECT id, name, ${1} + 1 AS two, ${'x'} AS x, NULL AS empty FROM q_test WHERE id = ${1}`;
    expect(await rows(db, query)).toEqual([{ id: 1, name: 'An', two: 2, x: 'x', empty: null }]);
    if (!isPostgresDb(db)) return;
    const typed = sql`SELECT ${'2024-05-17T03:04:05Z'}::timestamptz AS at, ${'2024-05-17'}::date AS day, ${'2024-05-17 03:04'}::timestamp AS local,
      interval '1 day' AS span, true AS yes, 12345678901::bigint AS big, ${sql.param([1, 2])}::integer[] AS ids, 'a' AS same, 'b' AS same`;
    expect(await rows(db, typed)).toEqual((await (db as unknown as PgDB).execute(typed)).rows);
  });

  it('PostgreSQL: a `prepared` statement is parsed and planned once per connection, under its own name; others are not kept', async () => {
    const byId = (d: DB, id: number) => rows<{ name: string }>(d, sql`SELECT name FROM q_test WHERE id = ${id}`, { prepared: true });
    // SQLite prepares every statement anyway: the option changes nothing there.
    expect((await byId(db, 1)).map((r) => r.name)).toEqual(['An']);
    if (!isPostgresDb(db)) return;
    await withTransaction(db, async (tx) => {
      // One connection: the transaction's.
      expect((await byId(tx, 1)).map((r) => r.name)).toEqual(['An']);
      expect((await byId(tx, 2)).map((r) => r.name)).toEqual(['Chi']);
      expect(await rows(tx, sql`SELECT name FROM q_test WHERE id > ${0} ORDER BY id`)).toEqual([{ name: 'An' }, { name: 'Chi' }]);
      const kept = await rows<{ name: string; statement: string }>(tx, sql`SELECT name, statement FROM pg_prepared_statements`);
      expect(kept.map((k) => k.statement)).toEqual([`SELECT name FROM q_test WHERE id = $1`]);
      expect(kept[0].name).toMatch(/^vd_[0-9a-f]{20}$/);
    });
  });
});
