// The officer's nominees on the new-nomination page: the people of their own subtree, first 500 by name, found
// through their unit's index — a walk of the whole registry in name order took 4.3 s at a nation's scale. With
// more than 500, the page says the list is cut and the form searches them all on the server (/api/nominees/search).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { collectives, individuals, units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { isPostgresDb } from '@/db/engine';
import type { DB } from '@/db/connection';
import { freshDatabase, queryPlan, useAsAppDatabase } from '@/tests/db';
import { first } from '@/db/query';
import { fold } from './text';
import { loadActor } from './users';
import { listNomineeOptions, NOMINEE_OPTIONS_MAX, nomineeQueries, searchNomineeOptions } from './nominations';
import { searchUnitOptions, UNIT_SELECT_MAX } from './unit-picker';
import type { Actor } from './policy';

// The signed-in actor the route handler reads (lib/actor needs a Next.js request).
const ctx = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock('@/lib/actor', () => ({ getActor: async () => ctx.actor }));

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

  it("are looked up by their unit's index, never by walking the registry in name order, searched or not", async () => {
    for (const [table, query] of [...Object.entries(nomineeQueries(officer.unitPath)), ...Object.entries(nomineeQueries(officer.unitPath, { q: 'nguyen van', limit: 50 }))]) {
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

describe('an officer with more people than the page loads', () => {
  let wanted: { id: number; name: string };
  beforeAll(async () => {
    // The last of the officer's people by name, then enough people whose names sort first to push them off the list.
    const mine = (await listNomineeOptions(officer)).individuals;
    wanted = mine.map((o) => ({ id: o.id, name: o.name })).at(-1)!;
    const names = Array.from({ length: NOMINEE_OPTIONS_MAX + 5 }, (_, i) => `An Thử ${String(i).padStart(4, '0')}`);
    await db.insert(individuals).values(names.map((fullName) => ({ fullName, nameFolded: fold(fullName), unitId: officer.unitId })));
  });

  it('get the first ones by name and word that the list is cut; the search finds anyone of theirs', async () => {
    const options = await listNomineeOptions(officer);
    expect(options.individuals).toHaveLength(NOMINEE_OPTIONS_MAX);
    expect(options.complete).toEqual({ individual: false, collective: true, units: true });
    expect(options.individuals.map((o) => o.id)).not.toContain(wanted.id);
    // Typed in capitals without diacritics (đ folded too): found, with their unit in the label.
    const found = await searchNomineeOptions(officer, 'individual', fold(wanted.name).toUpperCase());
    expect(found.map((o) => o.id)).toContain(wanted.id);
    expect(found.find((o) => o.id === wanted.id)!.label).toMatch(new RegExp(`^${wanted.name} — `));
    expect(await searchNomineeOptions(officer, 'individual', 'an thu 0007')).toHaveLength(1);
    expect(await searchNomineeOptions(officer, 'individual', 'an thu', 3)).toHaveLength(3);
    expect(await searchNomineeOptions(officer, 'individual', '   ')).toEqual([]);
  });

  it("find a new name's namesakes in one of their units (the form's warning), and nobody through another's unit", async () => {
    const person = (await first(db.select({ unitId: individuals.unitId }).from(individuals).where(eq(individuals.id, wanted.id))))!;
    // Words in another order, no diacritics: the unit's people holding every word.
    const words = fold(wanted.name).split(' ').reverse().join(' ');
    expect((await searchNomineeOptions(officer, 'individual', words, 50, person.unitId)).map((o) => o.id)).toContain(wanted.id);
    const sibling = (await db.select({ id: units.id, path: units.path }).from(units)).find((u) => u.path.startsWith(officer.unitPath) && u.id !== person.unitId)!;
    expect(await searchNomineeOptions(officer, 'individual', words, 50, sibling.id)).toEqual([]);
    // A unit outside the officer's subtree answers nothing, though its people match.
    const outsider = (await db.select({ unitId: individuals.unitId, name: individuals.fullName, path: units.path }).from(individuals).innerJoin(units, eq(units.id, individuals.unitId))).find((r) => !r.path.startsWith(officer.unitPath))!;
    expect(await searchNomineeOptions(officer, 'individual', outsider.name, 50, outsider.unitId)).toEqual([]);
  });

  it("never finds another unit's people, and answers officers only", async () => {
    const other = (await db.select({ name: individuals.fullName, path: units.path }).from(individuals).innerJoin(units, eq(units.id, individuals.unitId))).find((r) => !r.path.startsWith(officer.unitPath))!;
    const ids = (await searchNomineeOptions(officer, 'individual', other.name)).map((o) => o.id);
    const theirs = (await db.select({ id: individuals.id }).from(individuals).where(eq(individuals.fullName, other.name))).map((r) => r.id);
    expect(theirs.length).toBeGreaterThan(0);
    for (const id of theirs) expect(ids).not.toContain(id);
    await expect(searchNomineeOptions({ ...officer, roles: ['reviewer'] }, 'individual', 'an')).rejects.toThrowError('forbidden');
    await expect(searchNomineeOptions(null, 'individual', 'an')).rejects.toThrowError('forbidden');
  });
});

describe('GET /api/nominees/search', () => {
  const get = async (actor: Actor | null, query: string) => {
    ctx.actor = actor;
    const { GET } = await import('@/app/api/nominees/search/route');
    const res = await GET(new Request(`http://localhost/api/nominees/search?${query}`));
    return { status: res.status, body: (await res.json()) as { items?: Array<{ id: number; label: string }>; error?: string }, cache: res.headers.get('cache-control') };
  };

  it("answers the officer with their matching people, never cached; refuses the rest and odd input without a 500", async () => {
    const r = await get(officer, 'kind=individual&q=an+thu+0012');
    expect(r).toMatchObject({ status: 200, cache: 'private, no-store' });
    expect(r.body.items?.map((o) => o.label)).toEqual([expect.stringMatching(/^An Thử 0012 — /)]);
    expect(await get(null, 'kind=individual&q=an')).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await get({ ...officer, roles: ['reviewer'] }, 'kind=individual&q=an')).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await get(officer, `kind=individual&q=an+thu+0012&unit=${officer.unitId}`)).body.items).toHaveLength(1);
    for (const bad of ['kind=individual&q=an&unit=abc', 'kind=individual&q=an&unit=0', 'kind=individual&q=an&unit=99999999999', 'q=an', 'kind=planet&q=an', `kind=individual&q=${'x'.repeat(201)}`, 'kind=individual&q=an&limit=0', 'kind=individual&q=an&limit=51']) {
      expect(await get(officer, bad), bad).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
    }
  });
});

describe('an officer with more units than a select holds (a province\'s office)', () => {
  it('gets no unit list, and word that the form searches them; the search finds one of theirs and no other', async () => {
    const before = await listNomineeOptions(officer);
    expect(before.complete.units).toBe(true);
    expect(before.units.map((u) => u.id)).toContain(officer.unitId);
    const own = (await first(db.select({ path: units.path }).from(units).where(eq(units.id, officer.unitId))))!;
    for (let i = 1; i <= UNIT_SELECT_MAX; i++) {
      const { id } = (await first(db.insert(units).values({ slug: `to-thu-${i}`, name: `Tổ thử ${String(i).padStart(3, '0')}`, kind: 'other', parentId: officer.unitId, path: '/' }).returning({ id: units.id })))!;
      await db.update(units).set({ path: `${own.path}${id}/` }).where(eq(units.id, id));
    }
    const after = await listNomineeOptions(officer);
    expect(after.complete.units).toBe(false);
    expect(after.units).toEqual([]);
    // The people are listed as before.
    expect(after.individuals.map((o) => o.id)).toEqual(before.individuals.map((o) => o.id));
    // What the form's combobox asks /api/units/search: found without diacritics, within the officer's subtree only.
    expect((await searchUnitOptions(officer, 'to thu 017')).map((u) => u.name)).toEqual(['Tổ thử 017']);
    expect((await searchUnitOptions(officer, 'tan my loi')).map((u) => u.name)).not.toContain('Phường Tân Mỹ Lợi');
  });
});
