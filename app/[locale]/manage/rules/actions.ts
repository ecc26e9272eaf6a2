'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { updateRule } from '@/lib/eligibility';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const saveRule = validatedAction(
  z.object({
    id: z.coerce.number().int().positive(),
    name: z.string().trim().min(3).max(300),
    awardForm: z.string().trim().min(2).max(200),
    conditions: z.string().trim().min(2).max(20_000),
    legalBasis: z.string().trim().min(3).max(4000),
    source: z.string().trim().max(4000),
    verified: z.string().optional(),
    active: z.string().optional(),
    effectiveFrom: date,
    effectiveTo: z.preprocess((v) => (v === '' || v == null ? null : v), date.nullable()),
  }),
  async (actor, d) => {
    await updateRule(actor, d.id, { name: d.name, awardForm: d.awardForm, conditions: d.conditions, legalBasis: d.legalBasis, source: d.source, verified: d.verified === 'on', active: d.active === 'on', effectiveFrom: d.effectiveFrom, effectiveTo: d.effectiveTo });
    revalidatePath('/', 'layout');
  },
);
