'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { checkNominations, returnNominations } from '@/lib/workflow';

const schema = z.object({
  'ids[]': z.array(z.coerce.number().int().positive()).min(1).max(100),
  op: z.enum(['check', 'return']),
  reason: z.string().trim().max(2000).optional(),
});

/** The reviewer's bulk action over the selected rows: all of them, or none. */
export const bulk = validatedAction(schema, async (actor, d) => {
  if (d.op === 'check') await checkNominations(actor, d['ids[]']);
  else await returnNominations(actor, d['ids[]'], d.reason ?? '');
  revalidatePath('/', 'layout');
});
