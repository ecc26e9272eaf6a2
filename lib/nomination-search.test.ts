// The nominations list at a nation's scale: a name search finds the nominees in their own tables and the
// nominations by their nominee's key (matched on the joined name, 3 million nominations were each joined:
// 24 s), and an order other than the newest is declined over a list too long to sort (22 s by name).
import { beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq } from 'drizzle-orm';
import { nominations, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { isPostgresDb } from '@/db/engine';
import type { DB } from '@/db/connection';
import { freshDatabase, queryPlan, useAsAppDatabase } from '@/tests/db';
import { first } from '@/db/query';
import { fold } from './text';
import { loadActor } from './users';
import { countNominations, listNominations, nameSearchCondition } from './nominations';
import type { Actor } from './policy';

let db: DB;
let reviewer: Actor;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  reviewer = (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'reviewer'))))!.id))!;
});

describe('a name search in the nominations list', () => {
  it('finds exactly the nominations whose nominee has every word, diacritics and đ folded', async () => {
    const all = (await listNominations(reviewer)).total;
    const everyone = [];
    for (let page = 1; everyone.length < all; page++) everyone.push(...(await listNominations(reviewer, { pageSize: 100, page })).items);
    // Words of real names in the demo, typed without marks; an individual's and a collective's.
    const person = everyone.find((n) => n.kind === 'individual')!;
    const group = everyone.find((n) => n.kind === 'collective')!;
    for (const name of [person.nomineeName, group.nomineeName]) {
      const words = fold(name).split(' ');
      const q = words.slice(-2).join(' ');
      const expected = everyone.filter((n) => q.split(' ').every((w) => fold(n.nomineeName).includes(w))).map((n) => n.id).sort((a, b) => a - b);
      const found = await listNominations(reviewer, { q: q.toUpperCase(), pageSize: 100 });
      expect(found.total, q).toBe(expected.length);
      expect(found.items.map((n) => n.id).sort((a, b) => a - b), q).toEqual(expected);
    }
    const withD = everyone.find((n) => /[đĐ]/.test(n.nomineeName))!;
    expect(withD).toBeDefined();
    expect((await listNominations(reviewer, { q: fold(withD.nomineeName).split(' ').find((w) => w.startsWith('d'))!, pageSize: 100 })).items.map((n) => n.id)).toContain(withD.id);
    expect((await listNominations(reviewer, { q: 'zzzq' })).total).toBe(0);
    // LIKE's wildcards are matched as themselves.
    expect((await listNominations(reviewer, { q: '%' })).total).toBe(0);
  });

  it("reaches the nominations through their nominee's index", async () => {
    const query = db.select({ n: count() }).from(nominations).where(nameSearchCondition('nguyen van'));
    const { sql: text, params } = query.toSQL();
    const plan = await queryPlan(db, text, params);
    if (isPostgresDb(db)) {
      expect(plan).toMatch(/nominations_individual/);
      expect(plan).toMatch(/nominations_collective/);
      // The names by their trigrams (migration 0008), not by reading every name (the demo's few collectives are
      // read whole: the planner's choice for so small a table).
      expect(plan).toMatch(/Bitmap Index Scan on individuals_folded_trgm/);
    } else {
      expect(plan).toMatch(/SEARCH nominations USING (COVERING )?INDEX nominations_individual \(individual_id=\?\)/);
      expect(plan).toMatch(/SEARCH nominations USING (COVERING )?INDEX nominations_collective \(collective_id=\?\)/);
      expect(plan).not.toMatch(/SCAN nominations\b/);
    }
    // The people's tables are read for the words, never joined row by row.
    expect(text).not.toMatch(/join/i);
  });

  it('with many matches, reads a page of the newest by walking the nominations newest first (PostgreSQL), not by sorting every match', async () => {
    const page = db.select({ id: nominations.id }).from(nominations).where(nameSearchCondition('nguyen', { many: true })).orderBy(desc(nominations.id)).limit(25);
    const { sql: text, params } = page.toSQL();
    const plan = await queryPlan(db, text, params);
    if (isPostgresDb(db)) {
      // "nguyen" over a nation's 3,000,000 nominations: 259,505 matches collected and sorted for 25 (1.9 s); walked, 0.23 s.
      expect(plan).toMatch(/Index Scan Backward using nominations_pkey/);
      expect(plan).toMatch(/hashed SubPlan/);
    } else {
      // SQLite reads the matches through the nominee indexes either way (its lists of ids are built once).
      expect(plan).toMatch(/nominations_individual/);
    }
    // The same rows as the search without the hint.
    const plain = await db.select({ id: nominations.id }).from(nominations).where(nameSearchCondition('nguyen')).orderBy(desc(nominations.id)).limit(25);
    expect(await page).toEqual(plain);
    expect(plain.length).toBeGreaterThan(0);
  });
});

describe('another order than the newest', () => {
  it('is applied up to the limit, and declined (newest first, said so) above it', async () => {
    const total = (await listNominations(reviewer)).total;
    const byName = await listNominations(reviewer, { sort: 'name', pageSize: 100 }, { sortableMax: total });
    expect(byName.sortDeclined).toBeUndefined();
    const folded = byName.items.map((n) => fold(n.nomineeName));
    expect(folded).toEqual([...folded].sort());
    const declined = await listNominations(reviewer, { sort: 'name', pageSize: 100 }, { sortableMax: total - 1 });
    expect(declined.sortDeclined).toBe(total - 1);
    expect(declined.total).toBe(total);
    expect(declined.items.map((n) => n.id)).toEqual((await listNominations(reviewer, { pageSize: 100 })).items.map((n) => n.id));
    // A name search narrows the list under the limit: its order is applied.
    const q = fold(byName.items[0].nomineeName).split(' ')[0];
    const searched = await listNominations(reviewer, { q, sort: 'name', pageSize: 100 }, { sortableMax: total - 1 });
    expect(searched.sortDeclined).toBeUndefined();
  });
});

describe('a list longer than the count goes', () => {
  it('says "more than" the cap, and its pages, by cursor or by number, run on to the last nomination', async () => {
    const all = await listNominations(reviewer, { pageSize: 100 });
    const exact = all.total;
    expect(exact).toBeGreaterThan(20);
    expect(all.moreThan).toBeUndefined();
    // The dashboard's figure stays exact.
    expect(await countNominations(reviewer)).toBe(exact);
    const newestFirst: number[] = [];
    for (let page = 1; newestFirst.length < exact; page++) newestFirst.push(...(await listNominations(reviewer, { pageSize: 100, page })).items.map((n) => n.id));

    const capped = await listNominations(reviewer, { pageSize: 5 }, { countMax: 7 });
    expect([capped.total, capped.moreThan, capped.pageCount]).toEqual([7, true, 2]);
    // Next by cursor, past the counted pages, until the list ends.
    const walked: number[] = [...capped.items.map((n) => n.id)];
    for (let last = capped; last.items.length === 5; ) {
      last = await listNominations(reviewer, { pageSize: 5, after: walked.at(-1) }, { countMax: 7 });
      walked.push(...last.items.map((n) => n.id));
    }
    expect(walked).toEqual(newestFirst);
    // A page by number past the counted ones reads from the newest end (the oldest end is not known).
    expect((await listNominations(reviewer, { pageSize: 5, page: 4 }, { countMax: 7 })).items.map((n) => n.id)).toEqual(newestFirst.slice(15, 20));
    // Another order needs the exact count: above the cap it is declined, said so.
    const sorted = await listNominations(reviewer, { sort: 'name', pageSize: 5 }, { countMax: 7, sortableMax: 7 });
    expect([sorted.moreThan, sorted.sortDeclined]).toEqual([true, 7]);
    expect(sorted.items.map((n) => n.id)).toEqual(newestFirst.slice(0, 5));
    // A name search is counted the same way.
    const q = fold(all.items[0].nomineeName).split(' ')[0];
    const found = await listNominations(reviewer, { q, pageSize: 100 });
    expect(found.total).toBeGreaterThan(1);
    expect(await listNominations(reviewer, { q, pageSize: 100 }, { countMax: 1 })).toMatchObject({ total: 1, moreThan: true, items: found.items });
    // At the cap exactly, the count is exact.
    expect(await listNominations(reviewer, { pageSize: 5 }, { countMax: exact })).toMatchObject({ total: exact, pageCount: Math.ceil(exact / 5) });
    expect((await listNominations(reviewer, { pageSize: 5 }, { countMax: exact })).moreThan).toBeUndefined();
  });
});

describe('the newest nominations of an office over most rounds', () => {
  it('walk the newest ids instead of reading every round through its index (SQLite), with the same rows', async () => {
    const seen: string[] = [];
    if (!isPostgresDb(db)) {
      const client = db.$client;
      const prepare = client.prepare.bind(client);
      client.prepare = ((text: string) => {
        seen.push(text);
        return prepare(text);
      }) as typeof client.prepare;
      try {
        await listNominations(reviewer, { kind: 'individual' });
      } finally {
        client.prepare = prepare;
      }
      const idQuery = seen.find((t) => /^select "id" from "nominations"/i.test(t) && /order by "nominations"\."id" desc limit/i.test(t))!;
      expect(idQuery).toBeDefined();
      const plan = await queryPlan(db, idQuery);
      expect(plan).toMatch(/SCAN nominations\b/);
      expect(plan).not.toMatch(/nominations_round_status/);
    }
    // The rows are the newest of the office's scope, whichever way they are found.
    for (const kind of [undefined, 'individual', 'collective'] as const) {
      const page = await listNominations(reviewer, { kind, pageSize: 100 });
      const everyOne = await listNominations(reviewer, { kind, sort: 'updated', pageSize: 100 }, { sortableMax: 0 });
      expect(page.items.map((n) => n.id)).toEqual(everyOne.items.map((n) => n.id));
      expect(page.items.map((n) => n.id)).toEqual([...page.items.map((n) => n.id)].sort((a, b) => b - a));
      expect(page.items.every((n) => !kind || n.kind === kind)).toBe(true);
    }
  });
});
