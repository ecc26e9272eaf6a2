'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { GENDERS } from '@/db/tables';
import { validatedAction } from '@/lib/action';
import { mergeRegistryEntries, updateCollective, updateIndividual } from '@/lib/registry';

const id = z.coerce.number().int().positive();
const done = () => revalidatePath('/', 'layout');

export const editIndividual = validatedAction(
  z.object({
    id,
    fullName: z.string().max(200),
    gender: z.preprocess((v) => (v === '' ? null : v), z.enum(GENDERS).nullable()),
    birthYear: z.preprocess((v) => (v === '' || v == null ? null : v), z.coerce.number().int().min(1900).max(2030).nullable()),
    position: z.string().max(200).optional(),
    partyMember: z.string().optional(),
  }),
  async (actor, d) => {
    await updateIndividual(actor, d.id, { fullName: d.fullName, gender: d.gender, birthYear: d.birthYear, position: d.position || null, partyMember: d.partyMember === 'on' });
    done();
  },
);

export const mergeDuplicate = validatedAction(z.object({ kind: z.enum(['individual', 'collective']), id, duplicate: id }), async (actor, d) => {
  await mergeRegistryEntries(actor, d.kind, d.id, d.duplicate);
  done();
});

export const editCollective = validatedAction(z.object({ id, name: z.string().max(300) }), async (actor, d) => {
  await updateCollective(actor, d.id, { name: d.name });
  done();
});
