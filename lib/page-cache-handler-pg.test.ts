// The page cache's version read on PostgreSQL (runs in the PostgreSQL run; lib/page-cache-handler.test.ts
// reads the SQLite file): a write by any process moves the version every app process reads next.
import { describe, expect, it, afterAll } from 'vitest';
import { closeDatabase, type DB } from '@/db/connection';
import { units } from '@/db/tables';
import { freshDatabase, otherConnection } from '@/tests/db';
import { pgVersionReader } from './page-cache-handler.mjs';

const open: DB[] = [];
afterAll(async () => {
  for (const d of open) await closeDatabase(d);
});

describe('version reader on PostgreSQL', () => {
  it('reads the version another connection moves, at once', async () => {
    const { db, url } = await freshDatabase();
    open.push(db);
    const read = pgVersionReader(url);
    const v0 = await read();
    expect(v0).toMatch(/^[0-9a-f]{16}$/);
    expect(await read()).toBe(v0);
    const other = otherConnection(url);
    open.push(other);
    await other.insert(units).values({ name: 'Phường Một', shortName: 'P1', kind: 'ward', slug: 'phuong-mot', path: '/' });
    expect(await read()).not.toBe(v0);
  });

  it('is null when the server does not answer', async () => {
    expect(await pgVersionReader('postgres://nobody@127.0.0.1:1/none')()).toBeNull();
  });
});
