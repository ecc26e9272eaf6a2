import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { units, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import type { DB } from '@/db/connection';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import { loadActor } from './users';
import type { Actor } from './policy';
import { renameUnit, setUnitActive } from './units';
import { countUnitsInScope, getUnitOption, pickerSearches, searchUnitOptions, UNIT_SELECT_MAX, unitPickerMode, unitSearchInput } from './unit-picker';
import { first } from '@/db/query';

// The signed-in actor the route handler reads (lib/actor needs a Next.js request).
const ctx = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock('@/lib/actor', () => ({ getActor: async () => ctx.actor }));

let db: DB;
const actors: Record<string, Actor> = {};
const unit = async (name: string) => (await first(db.select().from(units).where(eq(units.name, name))))!;
const names = async (actor: Actor, q: string, limit?: number, filter?: Parameters<typeof searchUnitOptions>[3]) => (await searchUnitOptions(actor, q, limit, filter)).map((u) => u.name);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  for (const username of ['admin', 'reviewer', 'officer', 'tanphong.admin', 'tanmyloi.admin']) {
    actors[username] = (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, username))))!.id))!;
  }
});

describe('unit search', () => {
  it('finds only active units of the actor’s own subtree', async () => {
    const ward = await names(actors['tanphong.admin'], 'khu pho', 50);
    expect(ward.length).toBeGreaterThan(0);
    expect(ward.every((n) => n.endsWith('Phường Tân Phong'))).toBe(true);
    // The neighbouring ward is another authority: the district's staff never see it, its own admin does.
    expect(await names(actors.admin, 'Tân Mỹ Lợi')).toEqual([]);
    expect(await names(actors.reviewer, 'Tân Mỹ Lợi')).toEqual([]);
    expect(await names(actors['tanmyloi.admin'], 'Tân Mỹ Lợi', 50)).toContain('Phường Tân Mỹ Lợi');
    // A ward admin does not find the district or another ward.
    expect(await names(actors['tanphong.admin'], 'Quận 7')).toEqual([]);
    expect(await names(actors['tanphong.admin'], 'Tân Hưng')).toEqual([]);
  });

  it('folds case, diacritics and đ/Đ, and matches every word typed', async () => {
    expect(await names(actors.admin, 'dang uy phuong tan phong')).toEqual(['Đảng ủy Phường Tân Phong']);
    expect(await names(actors.admin, 'ĐẢNG ỦY PHƯỜNG TÂN PHONG')).toEqual(['Đảng ủy Phường Tân Phong']);
    // "Quận Đoàn 7" starts with the text; "Liên đoàn Lao động Quận 7" only holds both words.
    expect(await names(actors.admin, 'quan doan')).toEqual(['Quận Đoàn 7', 'Liên đoàn Lao động Quận 7']);
    // Words in any order; the short name counts too ("Tân Phong" for the ward).
    expect(await names(actors.admin, 'phong tan phuong', 50)).toContain('Phường Tân Phong');
    expect(await names(actors.admin, '   ')).toEqual([]);
  });

  it('puts names starting with the text first and names the parent in scope', async () => {
    const found = await searchUnitOptions(actors.admin, 'phuong tan phong', 50);
    expect(found[0]).toMatchObject({ name: 'Phường Tân Phong', parentName: 'UBND Quận 7' });
    const quarter = found.find((u) => u.name === 'Khu phố 1, Phường Tân Phong');
    expect(quarter?.parentName).toBe('Phường Tân Phong');
    // The ward admin's own ward: its parent is outside their scope and is not named.
    expect((await searchUnitOptions(actors['tanphong.admin'], 'phuong tan phong'))[0]).toEqual({ id: (await unit('Phường Tân Phong')).id, name: 'Phường Tân Phong', parentName: null });
  });

  it('respects the limit, 20 by default and 50 at most', async () => {
    const all = await names(actors.admin, 'khu pho', 50);
    expect(all).toHaveLength(50);
    expect(await names(actors.admin, 'khu pho', 5)).toEqual(all.slice(0, 5));
    expect(await names(actors.admin, 'khu pho')).toHaveLength(20);
    expect(await names(actors.admin, 'khu pho', 10_000)).toHaveLength(50);
  });

  it('filters by kind and leaves out a unit with its subtree', async () => {
    const wards = await searchUnitOptions(actors.admin, 'phuong', 50, { kind: 'ward' });
    expect(wards).toHaveLength(10);
    expect(wards.every((u) => u.name.startsWith('Phường '))).toBe(true);
    const ward = await unit('Phường Phú Mỹ');
    const without = await names(actors.admin, 'phu my', 50, { exclude: ward.id });
    expect(without.some((n) => n.includes('Phường Phú Mỹ'))).toBe(false);
    expect(without).toContain('Trường Tiểu học Phú Mỹ');
    // Only a unit's subtree (a round's quota): never a unit beside it, even one the actor may pick elsewhere.
    const tanPhong = await unit('Phường Tân Phong');
    const under = await names(actors.admin, 'khu pho', 50, { under: tanPhong.id });
    expect(under.length).toBeGreaterThan(0);
    expect(under.every((n) => n.endsWith('Phường Tân Phong'))).toBe(true);
    expect((await names(actors.admin, 'khu pho', 50)).some((n) => !n.endsWith('Phường Tân Phong'))).toBe(true);
    expect(await names(actors.admin, 'phu my', 50, { under: tanPhong.id })).toEqual([]);
    expect(await getUnitOption(actors.admin, ward.id, { under: tanPhong.id })).toBeNull();
    expect((await getUnitOption(actors.admin, tanPhong.id, { under: tanPhong.id }))?.id).toBe(tanPhong.id);
  });

  it('refuses an actor without a staff role and a query over 100 characters', async () => {
    await expect(searchUnitOptions(null, 'phuong')).rejects.toThrowError('forbidden');
    await expect(searchUnitOptions({ ...actors.officer, roles: [] }, 'phuong')).rejects.toThrowError('forbidden');
    await expect(searchUnitOptions(actors.admin, 'a'.repeat(101))).rejects.toThrowError('invalid_input');
    expect(unitSearchInput.safeParse({ q: 'a'.repeat(101) }).success).toBe(false);
    expect(unitSearchInput.safeParse({ q: 'x', limit: '0' }).success).toBe(false);
    expect(unitSearchInput.safeParse({ q: 'x', limit: '51' }).success).toBe(false);
    expect(unitSearchInput.safeParse({ q: 'x', kind: 'planet' }).success).toBe(false);
    expect(unitSearchInput.parse({ q: 'x', limit: '7', exclude: '3' })).toEqual({ q: 'x', limit: 7, exclude: 3 });
  });

  it('sees a rename and a deactivation at once', async () => {
    const school = await unit('Trường Mầm non Tân Phong');
    await renameUnit(actors.admin, school.id, 'Trường Mầm non Đồng Xanh');
    expect(await names(actors.admin, 'dong xanh')).toEqual(['Trường Mầm non Đồng Xanh']);
    await setUnitActive(actors.admin, school.id, false);
    expect(await names(actors.admin, 'dong xanh')).toEqual([]);
    expect(await getUnitOption(actors.admin, school.id)).toBeNull();
    await setUnitActive(actors.admin, school.id, true);
  });
});

describe('GET /api/units/search', () => {
  const get = async (actor: Actor | null, query: string) => {
    ctx.actor = actor;
    const { GET } = await import('@/app/api/units/search/route');
    const res = await GET(new Request(`http://localhost/api/units/search?${query}`));
    return { status: res.status, body: (await res.json()) as { items?: Array<{ id: number; name: string; parentName: string | null }>; error?: string }, cache: res.headers.get('cache-control') };
  };

  it('answers staff with the matching units of their scope, never cached', async () => {
    const r = await get(actors['tanphong.admin'], `q=${encodeURIComponent('khu phố 1')}&limit=3`);
    expect(r.status).toBe(200);
    expect(r.cache).toBe('private, no-store');
    // Every ward has a "Khu phố 1": the ward admin gets their own ward's, the name starting with the text first.
    expect(r.body.items).toEqual([
      { id: (await unit('Khu phố 1, Phường Tân Phong')).id, name: 'Khu phố 1, Phường Tân Phong', parentName: 'Phường Tân Phong' },
      { id: (await unit('Chi bộ Khu phố 1, Phường Tân Phong')).id, name: 'Chi bộ Khu phố 1, Phường Tân Phong', parentName: 'Đảng ủy Phường Tân Phong' },
    ]);
    expect((await get(actors.admin, 'q=phuong&kind=ward&limit=50')).body.items).toHaveLength(10);
    expect((await get(actors.admin, 'q=tan+my+loi')).body.items).toEqual([]);
    expect((await get(actors.admin, 'q=')).body.items).toEqual([]);
  });

  it('searches under one unit when asked (`under`)', async () => {
    const tanPhong = await unit('Phường Tân Phong');
    const r = await get(actors.admin, `q=${encodeURIComponent('khu phố')}&limit=50&under=${tanPhong.id}`);
    expect(r.status).toBe(200);
    expect(r.body.items!.length).toBeGreaterThan(0);
    expect(r.body.items!.every((u) => u.name.endsWith('Phường Tân Phong'))).toBe(true);
  });

  it('refuses the anonymous, the roleless and odd input without a 500', async () => {
    expect(await get(null, 'q=phuong')).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await get({ ...actors.officer, roles: [] }, 'q=phuong')).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    for (const bad of [`q=${'x'.repeat(101)}`, 'q=a&limit=0', 'q=a&limit=abc', 'q=a&kind=planet', 'q=a&exclude=-1', 'q=a&under=abc']) {
      const r = await get(actors.admin, bad);
      expect(r.status, bad).toBe(400);
      expect(r.body.items).toBeUndefined();
    }
  });
});

describe('unit picker mode', () => {
  it('is a select up to 200 units and a search above', () => {
    expect(pickerSearches(0)).toBe(false);
    expect(pickerSearches(UNIT_SELECT_MAX)).toBe(false);
    expect(pickerSearches(UNIT_SELECT_MAX + 1)).toBe(true);
  });

  it('keeps the demo district a select and makes a large scope a search pre-filled with the first pickable unit', async () => {
    expect(await unitPickerMode(actors.admin, [actors.admin.unitId])).toEqual({ search: false });
    const ward = await unit('Phường Tân Quy');
    for (let i = 1; i <= UNIT_SELECT_MAX + 20; i++) {
      const { id } = (await first(db.insert(units).values({ slug: `to-dan-pho-${i}-tan-quy`, name: `Tổ dân phố ${i}, Phường Tân Quy`, kind: 'other', parentId: ward.id, path: '/' }).returning({ id: units.id })))!;
      await db.update(units).set({ path: `${ward.path}${id}/` }).where(eq(units.id, id));
    }
    expect(await countUnitsInScope(actors.admin)).toBe(UNIT_SELECT_MAX + 1);
    expect(await countUnitsInScope(actors.admin, {}, 10_000)).toBeGreaterThan(UNIT_SELECT_MAX + 20);
    expect(await countUnitsInScope(null)).toBe(0);
    // The first candidate outside the scope (the neighbouring ward) is passed over for the next one.
    const neighbour = await unit('Phường Tân Mỹ Lợi');
    expect(await unitPickerMode(actors.admin, [neighbour.id, ward.id])).toEqual({ search: true, selected: { id: ward.id, name: 'Phường Tân Quy', parentName: 'UBND Quận 7' }, filter: {} });
    expect(await unitPickerMode(actors.admin, [undefined, null])).toEqual({ search: true, selected: null, filter: {} });
    // Only the units the picker would offer count: the district still has few wards, another ward few units.
    expect(await unitPickerMode(actors.admin, [], { kind: 'ward' })).toEqual({ search: false });
    expect(await unitPickerMode(actors['tanphong.admin'], [])).toEqual({ search: false });
    // Names starting with the text, in Vietnamese order with numbers as numbers; then the rest.
    expect(await names(actors.admin, 'to dan pho 21')).toEqual([21, ...Array.from({ length: 10 }, (_, i) => 210 + i), 121].map((n) => `Tổ dân phố ${n}, Phường Tân Quy`));
  });
});
