// The unit tree on /manage/units: whole levels down to a bound, a link on to each cut-off subtree, every unit
// reachable, nothing outside the admin's scope.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { listUnits, listUnitTree, UNIT_TREE_MAX, type UnitTree } from './units';
import { loadActor } from './users';
import type { Actor } from './policy';
import { first } from '@/db/query';

let db: DB;
let admin: Actor;
let wardAdmin: Actor;
let officer: Actor;

async function actorOf(username: string): Promise<Actor> {
  return (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, username))))!.id))!;
}

const unitNamed = async (name: string) => (await first(db.select().from(units).where(eq(units.name, name))))!;

/** The ids reached from the admin's tree by following every "sub-units" link, as a person would. */
async function reachable(actor: Actor, max: number): Promise<{ ids: Set<number>; views: number }> {
  const ids = new Set<number>();
  const queue: Array<number | undefined> = [undefined];
  let views = 0;
  while (queue.length) {
    const tree: UnitTree = await listUnitTree(actor, queue.shift(), max);
    views++;
    for (const u of tree.rows) {
      ids.add(u.id);
      if (u.hiddenChildren > 0) queue.push(u.id);
    }
  }
  return { ids, views };
}

const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: Error) => e.message);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  admin = await actorOf('admin');
  wardAdmin = await actorOf('tanmyloi.admin');
  officer = await actorOf('officer');
});

describe('listUnitTree', () => {
  it('a small tree reads whole, as the full list does', async () => {
    const all = await listUnits(admin);
    const tree = await listUnitTree(admin);
    expect(tree.truncated).toBe(false);
    expect(tree.trail).toEqual([]);
    expect(tree.root).toMatchObject({ id: admin.unitId, name: admin.unitName });
    expect(tree.rows).toEqual(all.map((u) => ({ ...u, hiddenChildren: 0 })));
  });

  it('a bound cuts between levels, says how many children each cut-off unit has, and every unit stays reachable', async () => {
    const all = await listUnits(admin);
    const rootDepth = all.find((u) => u.id === admin.unitId)!.depth;
    const children = (id: number) => all.filter((u) => u.parentId === id).length;
    const tree = await listUnitTree(admin, undefined, 10);
    expect(tree.truncated).toBe(true);
    // The root and its children always show; then only whole levels.
    expect(tree.rows.filter((u) => u.depth === rootDepth + 1).length).toBe(children(admin.unitId));
    const deepest = Math.max(...tree.rows.map((u) => u.depth));
    expect(tree.rows.length).toBe(all.filter((u) => u.depth <= deepest).length);
    expect(tree.rows.map((u) => u.id)).toEqual(all.filter((u) => u.depth <= deepest).map((u) => u.id));
    for (const u of tree.rows) expect(u.hiddenChildren, u.name).toBe(u.depth === deepest ? children(u.id) : 0);
    expect(tree.rows.some((u) => u.hiddenChildren > 0)).toBe(true);
    const { ids, views } = await reachable(admin, 10);
    expect(views).toBeGreaterThan(1);
    expect([...ids].sort((a, b) => a - b)).toEqual(all.map((u) => u.id).sort((a, b) => a - b));
  });

  it('a subtree starts at the unit asked for, with the way back up to the admin\'s own unit', async () => {
    const ward = await unitNamed('Phường Tân Phong');
    const tree = await listUnitTree(admin, ward.id);
    expect(tree.root).toMatchObject({ id: ward.id, name: 'Phường Tân Phong' });
    expect(tree.rows[0].id).toBe(ward.id);
    expect(tree.rows.length).toBeGreaterThan(1);
    for (const u of tree.rows) expect((await first(db.select({ path: units.path }).from(units).where(eq(units.id, u.id))))!.path.startsWith(ward.path)).toBe(true);
    // From the admin's unit down to the ward's parent, named.
    const parent = (await first(db.select().from(units).where(eq(units.id, ward.parentId!))))!;
    expect(tree.trail[0]).toEqual({ id: admin.unitId, name: admin.unitName });
    expect(tree.trail.at(-1)).toEqual({ id: parent.id, name: parent.name });
    // The admin's own unit asked for by id reads as the plain tree.
    expect(await listUnitTree(admin, admin.unitId)).toEqual(await listUnitTree(admin));
  });

  it('keeps to the admin\'s subtree: any other unit reads as not found; only admins read the tree', async () => {
    const ward = await listUnitTree(wardAdmin);
    expect(ward.root.id).toBe(wardAdmin.unitId);
    expect(ward.rows.every((u) => u.name.includes('Tân Mỹ Lợi'))).toBe(true);
    expect(await outcome(listUnitTree(wardAdmin, admin.unitId))).toBe('not_found');
    expect(await outcome(listUnitTree(wardAdmin, (await unitNamed('Phường Tân Phong')).id))).toBe('not_found');
    expect(await outcome(listUnitTree(admin, 987_654))).toBe('not_found');
    expect(await outcome(listUnitTree(admin, -1))).toBe('not_found');
    expect(await outcome(listUnitTree(officer))).toBe('forbidden');
    expect(await outcome(listUnitTree(null))).toBe('forbidden');
  });

  it('a tree larger than the bound shows at most the bound by default', async () => {
    // 20 groups of 20 units under the district: 400 more than the demo's few dozen.
    const add = async (name: string, parent: { id: number; path: string }) => {
      const { id } = (await first(db.insert(units).values({ slug: `thu-cay-${name}`, name, kind: 'other', parentId: parent.id, path: '/' }).returning({ id: units.id })))!;
      const path = `${parent.path}${id}/`;
      await db.update(units).set({ path }).where(eq(units.id, id));
      return { id, path };
    };
    const district = { id: admin.unitId, path: admin.unitPath };
    for (let g = 0; g < 20; g++) {
      const group = await add(`Cụm thử ${g}`, district);
      for (let i = 0; i < 20; i++) await add(`Đơn vị thử ${g}-${i}`, group);
    }
    const all = await listUnits(admin);
    expect(all.length).toBeGreaterThan(UNIT_TREE_MAX);
    const tree = await listUnitTree(admin);
    expect(tree.truncated).toBe(true);
    expect(tree.rows.length).toBeLessThanOrEqual(UNIT_TREE_MAX);
    const group = tree.rows.find((u) => u.name === 'Cụm thử 7')!;
    expect(group.hiddenChildren).toBe(20);
    const sub = await listUnitTree(admin, group.id);
    expect(sub.truncated).toBe(false);
    expect(sub.rows.map((u) => u.name)).toEqual(['Cụm thử 7', ...all.filter((u) => u.parentId === group.id).map((u) => u.name)]);
    const { ids } = await reachable(admin, UNIT_TREE_MAX);
    expect(ids.size).toBe(all.length);
  });
});

describe('the units a page lists (listUnits)', () => {
  it("narrows to a unit's subtree, a kind, the active ones and a count, inside the admin's scope only", async () => {
    const all = await listUnits(admin);
    const ward = await unitNamed('Phường Tân Phong');
    const district = all.find((u) => u.id === ward.parentId)!;
    // The first row of a unit's subtree is the unit itself (the unit page reads it so).
    expect((await listUnits(admin, { under: ward.id, limit: 1 }))[0]).toMatchObject({ id: ward.id, name: ward.name });
    const wards = await listUnits(admin, { under: district.id, kind: 'ward', activeOnly: true });
    expect(wards.length).toBeGreaterThan(1);
    expect(wards.every((u) => u.kind === 'ward' && u.active)).toBe(true);
    expect(wards.map((u) => u.id)).toContain(ward.id);
    expect(await listUnits(admin, { under: district.id, kind: 'ward', activeOnly: true, limit: 2 })).toEqual(wards.slice(0, 2));
    // A unit outside the admin's subtree, or none, is not found.
    await expect(listUnits(wardAdmin, { under: district.id })).rejects.toThrowError('not_found');
    await expect(listUnits(admin, { under: -1 })).rejects.toThrowError('not_found');
    await expect(listUnits(officer)).rejects.toThrow();
  });
});
