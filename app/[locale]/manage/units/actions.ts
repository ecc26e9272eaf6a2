'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { UNIT_KINDS } from '@/db/tables';
import { validatedAction } from '@/lib/action';
import { createUnit, mergeUnits, moveUnit, renameUnit, setUnitActive } from '@/lib/units';

const id = z.coerce.number().int().positive();
// Public pages need nothing here: the database's public-data version moved with the change (lib/memo.ts).
const done = () => revalidatePath('/', 'layout');

export const create = validatedAction(
  z.object({ name: z.string().max(200), shortName: z.string().max(100).optional(), kind: z.enum(UNIT_KINDS), parentId: id }),
  async (actor, d) => {
    await createUnit(actor, { name: d.name, shortName: d.shortName || null, kind: d.kind, parentId: d.parentId });
    done();
  },
);

export const rename = validatedAction(z.object({ id, name: z.string().max(200) }), async (actor, d) => {
  await renameUnit(actor, d.id, d.name);
  done();
});

export const move = validatedAction(z.object({ id, parentId: id }), async (actor, d) => {
  await moveUnit(actor, d.id, d.parentId);
  done();
});

export const toggle = validatedAction(z.object({ id, active: z.enum(['true', 'false']) }), async (actor, d) => {
  await setUnitActive(actor, d.id, d.active === 'true');
  done();
});

export const merge = validatedAction(
  z.object({ 'from[]': z.preprocess((v) => (Array.isArray(v) ? v : v == null ? [] : [v]), z.array(id).min(1).max(50)), into: id }),
  async (actor, d) => {
    await mergeUnits(actor, d['from[]'], d.into);
    done();
  },
);
