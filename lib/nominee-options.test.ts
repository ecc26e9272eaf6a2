// The officer's nominees on the new-nomination page: the people of their own subtree, first 500 by name, found
// through their unit's index — a walk of the whole registry in name order took 4.3 s at a nation's scale.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { collectives, individuals, units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { isPostgresDb } from '@/db/engine';
import type { DB } from '@/db/connection';
import { freshDatabase, queryPlan, useAsAppDatabase } from '@/tests/db';
import { first } from '@/db/query';
import { loadActor } from './users';
import { listNomineeOptions, nomineeQueries } from './nominations';
import type { Actor } from './policy';

let db: DB;
let officer: Actor;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  officer = (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer'))))!.id))!;
});

describe("an officer's nominees", () => {
  it('are the people of their subtree, by folded name', async () => {
    const options = await listNomineeOptions(officer);
    const expected = async (table: typeof individuals | typeof collectives) =>
      (await db.select({ id: table.id, path: units.path, folded: table.nameFolded, merged: table.mergedIntoId }).from(table).innerJoin(units, eq(units.id, table.unitId)))
        .filter((r) => r.path.startsWith(officer.unitPath) && r.merged === null)
        .sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0));
    const people = await expected(individuals);
    expect(people.length).toBeGreaterThan(0);
    expect(options.individuals.map((o) => o.id).sort()).toEqual(people.slice(0, 500).map((p) => p.id).sort());
    expect(options.individuals.map((o) => people.find((p) => p.id === o.id)!.folded)).toEqual(people.slice(0, 500).map((p) => p.folded));
    expect(options.collectives.map((o) => o.id).sort()).toEqual((await expected(collectives)).slice(0, 500).map((p) => p.id).sort());
  });

  it("are looked up by their unit's index, never by walking the registry in name order", async () => {
    for (const [table, query] of Object.entries(nomineeQueries(officer.unitPath))) {
      const { sql: text, params } = query.toSQL();
      const plan = await queryPlan(db, text, params);
      if (isPostgresDb(db)) {
        expect(plan, table).toMatch(new RegExp(`${table}_unit`));
        expect(plan, table).not.toMatch(new RegExp(`Index Scan using ${table}_folded`));
      } else {
        expect(plan, table).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX ${table}_unit \\(unit_id=\\?\\)`));
        expect(plan, table).not.toMatch(new RegExp(`SCAN ${table} USING INDEX ${table}_folded`));
      }
    }
  });
});
