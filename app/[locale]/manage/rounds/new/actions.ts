'use server';
import { redirect } from 'next/navigation';
import { validatedAction } from '@/lib/action';
import { createRound } from '@/lib/workflow';
import { roundSchema, toRoundInput } from '../round-schema';

export const create = validatedAction(roundSchema, (actor, d) => {
  const { id } = createRound(actor, toRoundInput(d));
  redirect(`${d.locale === 'vi' ? '' : `/${d.locale}`}/manage/rounds/${id}`);
});
