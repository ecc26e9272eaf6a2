'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { createRound } from '@/lib/workflow';
import { roundSchema, toRoundInput } from '../round-schema';

export const create = validatedAction(z.intersection(roundSchema, z.object({ unitId: z.coerce.number().int().positive().optional() })), async (actor, d) => {
  const { id } = await createRound(actor, toRoundInput(d), new Date(), { unitId: d.unitId });
  redirect(`${d.locale === 'vi' ? '' : `/${d.locale}`}/manage/rounds/${id}`);
});
