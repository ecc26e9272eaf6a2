'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ROUND_STATUSES } from '@/db/tables';
import { validatedAction } from '@/lib/action';
import { decideRound, revokeAward, setUnitQuota, transitionRound, updateRound } from '@/lib/workflow';
import { proposeUp } from '@/lib/proposals';
import { roundSchema, toRoundInput } from '../round-schema';

const id = z.coerce.number().int().positive();
const done = () => revalidatePath('/', 'layout');

export const moveRound = validatedAction(z.object({ id, to: z.enum(ROUND_STATUSES), draftsLeftBehind: z.coerce.number().int().min(0).max(1_000_000).optional() }), async (actor, d) => {
  await transitionRound(actor, d.id, d.to, new Date(), { draftsLeftBehind: d.draftsLeftBehind });
  done();
});

export const recordDecision = validatedAction(
  z.object({
    id,
    decisionNumber: z.string().trim().min(1).max(100),
    decisionDate: z.iso.date(),
    decisionSigner: z.string().trim().min(1).max(200),
    decisionPlace: z.string().trim().max(200).optional().transform((v) => v || null),
    decisionSignerTitle: z.string().trim().max(200).optional().transform((v) => v || null),
  }),
  async (actor, d) => {
    await decideRound(actor, d.id, d);
    done();
  },
);

export const revoke = validatedAction(
  z.object({ award: z.string().regex(/^[a-f0-9]{16}$/), reason: z.string().trim().min(3).max(2000), decision: z.string().trim().min(1).max(200) }),
  async (actor, d) => {
    await revokeAward(actor, d.award, { reason: d.reason, decision: d.decision });
    done();
  },
);

export const saveRound = validatedAction(roundSchema.extend({ id }), async (actor, d) => {
  await updateRound(actor, d.id, toRoundInput(d));
  done();
});

const quota = z.preprocess((v) => (v === '' || v == null ? null : v), z.coerce.number().int().min(0).max(100_000).nullable());

export const saveUnitQuota = validatedAction(z.object({ id, unitId: id, collectives: quota, individuals: quota }), async (actor, d) => {
  await setUnitQuota(actor, d.id, d.unitId, { collectives: d.collectives, individuals: d.individuals });
  done();
});

export const proposeUpAction = validatedAction(
  z.object({ id, toRoundId: id, awardIds: z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(id).min(1).max(1000)) }),
  async (actor, d) => {
    await proposeUp(actor, { fromRoundId: d.id, toRoundId: d.toRoundId, awardIds: d.awardIds });
    done();
  },
);
