// memoUntilWrite: a remembered result lives exactly until the database changes, from this connection
// or from another process's.
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { settings } from '@/db/tables';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import type { DB } from '@/db/connection';
import { memoUntilWrite } from './memo';

let db: DB;
let file: string;

beforeAll(() => {
  ({ db, file } = freshDatabase());
  useAsAppDatabase(db);
});

describe('memoUntilWrite', () => {
  it('computes once while nothing is written', async () => {
    let calls = 0;
    const read = () => memoUntilWrite('k', async () => ++calls);
    expect([await read(), await read(), await read()]).toEqual([1, 1, 1]);
    expect(await memoUntilWrite('other', async () => 'x')).toBe('x');
  });

  it('recomputes after a write on the app connection', async () => {
    let calls = 0;
    const read = () => memoUntilWrite('own', async () => ++calls);
    expect(await read()).toBe(1);
    await db.insert(settings).values({ key: 'memo-test', value: '1' });
    expect(await read()).toBe(2);
    expect(await read()).toBe(2);
  });

  it('recomputes after another process commits', async () => {
    let calls = 0;
    const read = () => memoUntilWrite('theirs', async () => ++calls);
    expect(await read()).toBe(1);
    const other = new Database(file);
    other.prepare("INSERT INTO settings (key, value) VALUES ('memo-other', '1')").run();
    other.close();
    expect(await read()).toBe(2);
  });
});
