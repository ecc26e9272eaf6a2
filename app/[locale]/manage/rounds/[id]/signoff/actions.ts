'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { signOffRound, withdrawSignoff } from '@/lib/signoff';

const id = z.coerce.number().int().positive();
const done = () => revalidatePath('/', 'layout');

export const signOff = validatedAction(z.object({ id, hash: z.string().regex(/^[a-f0-9]{64}$/) }), async (actor, d) => {
  await signOffRound(actor, d.id, d.hash);
  done();
});

export const withdraw = validatedAction(z.object({ id, reason: z.string().trim().min(3).max(2000) }), async (actor, d) => {
  await withdrawSignoff(actor, d.id, d.reason);
  done();
});
