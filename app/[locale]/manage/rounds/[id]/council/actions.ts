'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { recordSitting } from '@/lib/council';

const id = z.coerce.number().int().positive();
const count = z.coerce.number().int().min(0).max(1000);
const text = (max: number) => z.string().trim().min(1).max(max);

/** The sitting and the votes of its whole list: parallel arrays, one entry per row of the screen. */
export const saveSitting = validatedAction(
  z
    .object({
      id,
      heldOn: z.iso.date(),
      place: text(200),
      chair: text(200),
      secretary: text(200),
      membersPresent: z.string().max(20_000),
      'nominationId[]': z.array(id).max(5000).default([]),
      'decision[]': z.array(z.enum(['approve', 'reject'])).max(5000).default([]),
      'for[]': z.array(count).max(5000).default([]),
      'against[]': z.array(count).max(5000).default([]),
    })
    .refine((d) => [d['decision[]'], d['for[]'], d['against[]']].every((a) => a.length === d['nominationId[]'].length), { path: ['nominationId[]'] }),
  async (actor, d) => {
    await recordSitting(actor, d.id, {
      heldOn: d.heldOn,
      place: d.place,
      chair: d.chair,
      secretary: d.secretary,
      membersPresent: d.membersPresent.split(/\r?\n/),
      votes: d['nominationId[]'].map((nominationId, i) => ({ nominationId, decision: d['decision[]'][i], for: d['for[]'][i], against: d['against[]'][i] })),
    });
    revalidatePath('/', 'layout');
  },
);
