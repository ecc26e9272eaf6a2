import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { awards, individuals, nominations, unitNames, units, users } from '@/db/schema';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { listNominations } from './nominations';
import { loadActor } from './users';
import type { Actor } from './policy';
import { createUnit, mergeUnits, moveUnit, renameUnit } from './units';

let db: DB;
let admin: Actor;
const unit = (name: string) => db.select().from(units).where(eq(units.name, name)).get()!;
const pathsConsistent = () => {
  const all = db.select().from(units).all();
  const byId = new Map(all.map((u) => [u.id, u]));
  return all.every((u) => u.path === `${u.parentId ? byId.get(u.parentId)!.path : '/'}${u.id}/`);
};

beforeAll(async () => {
  ({ db } = freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  admin = loadActor(db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')).get()!.id)!;
});

describe('units', () => {
  it('only admins change the tree', () => {
    const officer = loadActor(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer')).get()!.id)!;
    expect(() => renameUnit(officer, unit('Phòng Y tế').id, 'X')).toThrowError('forbidden');
  });

  it('a rename keeps the old name in history and past awards keep the name of their day', () => {
    const u = unit('Phòng Tư pháp');
    const awarded = db.select({ unitName: awards.unitName }).from(awards).where(eq(awards.unitId, u.id)).all();
    renameUnit(admin, u.id, 'Phòng Tư pháp và Hộ tịch');
    const names = db.select().from(unitNames).where(eq(unitNames.unitId, u.id)).all();
    expect(names.map((n) => n.name)).toEqual(['Phòng Tư pháp', 'Phòng Tư pháp và Hộ tịch']);
    expect(names[0].validTo).not.toBeNull();
    expect(db.select({ unitName: awards.unitName }).from(awards).where(eq(awards.unitId, u.id)).all()).toEqual(awarded);
  });

  it('a move rewrites the subtree and refuses cycles', () => {
    const ward = unit('Phường Phú Mỹ');
    const quarter = unit('Khu phố 1, Phường Phú Mỹ');
    expect(() => moveUnit(admin, ward.id, quarter.id)).toThrowError('invalid_input');
    const { id } = createUnit(admin, { name: 'Cụm phường phía Nam', kind: 'other', parentId: unit('UBND Quận 7').id });
    moveUnit(admin, ward.id, id);
    expect(pathsConsistent()).toBe(true);
    expect(unit('Khu phố 1, Phường Phú Mỹ').path.startsWith(unit('Cụm phường phía Nam').path)).toBe(true);
  });

  it('merging wards moves people and users and keeps every nomination visible to the new ward', () => {
    const a = unit('Phường Tân Phong');
    const b = unit('Phường Tân Quy');
    const into = createUnit(admin, { name: 'Phường Tân Mỹ', kind: 'ward', parentId: unit('UBND Quận 7').id });
    const nomsBefore = db.select({ id: nominations.id }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(like(units.path, `${a.path}%`)).all().length
      + db.select({ id: nominations.id }).from(nominations).innerJoin(units, eq(units.id, nominations.unitId)).where(like(units.path, `${b.path}%`)).all().length;
    const peopleInA = db.select({ id: individuals.id }).from(individuals).where(eq(individuals.unitId, a.id)).all().length;
    const { moved } = mergeUnits(admin, [a.id, b.id], into.id);
    expect(moved.users).toBe(1); // the officer of Tân Phong
    expect(moved.individuals).toBeGreaterThanOrEqual(peopleInA);
    expect(pathsConsistent()).toBe(true);
    expect(unit('Phường Tân Phong')).toMatchObject({ active: false, mergedIntoId: into.id, parentId: into.id });
    const officer = loadActor(db.select({ id: users.id }).from(users).where(eq(users.username, 'officer')).get()!.id)!;
    expect(officer.unitName).toBe('Phường Tân Mỹ');
    expect(listNominations(officer, { pageSize: 100 }).total).toBe(nomsBefore);
  });
});
