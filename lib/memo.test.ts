// memoUntilWrite: a remembered result lives exactly until the database changes, from this connection
// or from another process's.
import { beforeAll, describe, expect, it } from 'vitest';
import { settings } from '@/db/tables';
import { freshDatabase, otherConnection, useAsAppDatabase } from '@/tests/db';
import { closeDatabase } from '@/db/connection';
import type { DB } from '@/db/connection';
import { currentWriteStamp, memoUntilWrite } from './memo';

let db: DB;
let url: string;

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  useAsAppDatabase(db);
});

describe('memoUntilWrite', () => {
  it('computes once while nothing is written', async () => {
    // On PostgreSQL the stamp is the server's snapshot, which the other test files' writes (their own databases,
    // the same server) move too: the reads are tried again until a moment when nothing was written anywhere.
    for (let attempt = 1; ; attempt++) {
      let calls = 0;
      const read = () => memoUntilWrite(`k${attempt}`, async () => ++calls);
      const before = await currentWriteStamp();
      const values = [await read(), await read(), await read()];
      if ((await currentWriteStamp()) === before || attempt === 50) {
        expect(values).toEqual([1, 1, 1]);
        break;
      }
    }
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
    const other = otherConnection(url);
    await other.insert(settings).values({ key: 'memo-other', value: '1' });
    await closeDatabase(other);
    expect(await read()).toBe(2);
  });
});
