import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { awards, individuals, nominations, unitNames, units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { listNominations } from './nominations';
import { loadActor } from './users';
import type { Actor } from './policy';
import { createUnit, mergeUnits, moveUnit, renameUnit } from './units';
import { first } from '@/db/query';

let db: DB;
let admin: Actor;
const unit = async (name: string) => (await first(db.select().from(units).where(eq(units.name, name))))!;
const pathsConsistent = async () => {
  const all = await db.select().from(units);
  const byId = new Map(all.map((u) => [u.id, u]));
  return all.every((u) => u.path === `${u.parentId ? byId.get(u.parentId)!.path : '/'}${u.id}/`);
};

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  admin = (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))))!.id))!;
});

describe('units', () => {
  it('only admins change the tree', async () => {
    const officer = (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer'))))!.id))!;
    await expect(renameUnit(officer, (await unit('Phòng Y tế')).id, 'X')).rejects.toThrowError('forbidden');
  });

  it('a rename keeps the old name in history and past awards keep the name of their day', async () => {
    const u = await unit('Phòng Tư pháp');
    const awarded = await db.select({ unitName: awards.unitName }).from(awards).where(eq(awards.unitId, u.id));
    await renameUnit(admin, u.id, 'Phòng Tư pháp và Hộ tịch');
    const names = await db.select().from(unitNames).where(eq(unitNames.unitId, u.id));
    expect(names.map((n) => n.name)).toEqual(['Phòng Tư pháp', 'Phòng Tư pháp và Hộ tịch']);
    expect(names[0].validTo).not.toBeNull();
    expect(await db.select({ unitName: awards.unitName }).from(awards).where(eq(awards.unitId, u.id))).toEqual(awarded);
  });

  it('a move rewrites the subtree and refuses cycles', async () => {
    const ward = await unit('Phường Phú Mỹ');
    const quarter = await unit('Khu phố 1, Phường Phú Mỹ');
    await expect(moveUnit(admin, ward.id, quarter.id)).rejects.toThrowError('invalid_input');
    const { id } = await createUnit(admin, { name: 'Cụm phường phía Nam', kind: 'other', parentId: (await unit('UBND Quận 7')).id });
    await moveUnit(admin, ward.id, id);
    expect(await pathsConsistent()).toBe(true);
    expect((await unit('Khu phố 1, Phường Phú Mỹ')).path.startsWith((await unit('Cụm phường phía Nam')).path)).toBe(true);
  });

  it('merging wards moves people and users and keeps every nomination visible to the new ward', async () => {
    const a = await unit('Phường Tân Phong');
    const b = await unit('Phường Tân Quy');
    const into = await createUnit(admin, { name: 'Phường Tân Mỹ', kind: 'ward', parentId: (await unit('UBND Quận 7')).id });
    const nomsBefore = (await db.select({ id: nominations.id }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(like(units.path, `${a.path}%`))).length
      + (await db.select({ id: nominations.id }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(like(units.path, `${b.path}%`))).length;
    const peopleInA = (await db.select({ id: individuals.id }).from(individuals).where(eq(individuals.unitId, a.id))).length;
    const { moved } = await mergeUnits(admin, [a.id, b.id], into.id);
    expect(moved.users).toBe(2); // the officer and the administrator of Tân Phong
    expect(moved.individuals).toBeGreaterThanOrEqual(peopleInA);
    expect(await pathsConsistent()).toBe(true);
    expect(await unit('Phường Tân Phong')).toMatchObject({ active: false, mergedIntoId: into.id, parentId: into.id });
    const officer = (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer'))))!.id))!;
    expect(officer.unitName).toBe('Phường Tân Mỹ');
    expect((await listNominations(officer, { pageSize: 100 })).total).toBe(nomsBefore);
  });
});
