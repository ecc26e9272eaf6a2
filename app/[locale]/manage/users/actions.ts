'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ROLES } from '@/db/tables';
import { validatedAction } from '@/lib/action';
import { createUser, resetPassword, updateUser } from '@/lib/users';

const id = z.coerce.number().int().positive();
const roles = z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES)).max(4));
const done = () => revalidatePath('/', 'layout');

export const create = validatedAction(
  z.object({ username: z.string().max(50), displayName: z.string().max(200), unitId: id, 'roles[]': roles, password: z.string().max(200) }),
  async (actor, d) => {
    await createUser(actor, { username: d.username, displayName: d.displayName, unitId: d.unitId, roles: d['roles[]'], password: d.password });
    done();
  },
);

export const update = validatedAction(
  z.object({ id, displayName: z.string().max(200), unitId: id, 'roles[]': roles, active: z.string().optional() }),
  async (actor, d) => {
    await updateUser(actor, d.id, { displayName: d.displayName, unitId: d.unitId, roles: d['roles[]'], active: d.active === 'on' });
    done();
  },
);

export const reset = validatedAction(z.object({ id, password: z.string().max(200) }), async (actor, d) => {
  await resetPassword(actor, d.id, d.password);
  done();
});
