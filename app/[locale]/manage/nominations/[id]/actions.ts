'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { addAttachment } from '@/lib/attachments';
import { hideFeedback } from '@/lib/consultation';
import { checkNomination, commentOnNomination, decideNomination, reconsiderNomination, returnNomination, submitNomination, updateNomination } from '@/lib/workflow';

const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.coerce.number().int().min(0).max(1000);
const done = () => revalidatePath('/', 'layout');

export const saveSummary = validatedAction(z.object({ id, summary: text(4000) }), (actor, d) => {
  updateNomination(actor, d.id, { summary: d.summary });
  done();
});

export const submit = validatedAction(z.object({ id }), (actor, d) => {
  submitNomination(actor, d.id);
  done();
});

export const returnWithReason = validatedAction(z.object({ id, reason: text(2000) }), (actor, d) => {
  returnNomination(actor, d.id, d.reason);
  done();
});

export const markChecked = validatedAction(z.object({ id }), (actor, d) => {
  checkNomination(actor, d.id);
  done();
});

export const decide = validatedAction(
  z.object({ id, decision: z.enum(['approve', 'reject']), voteFor: count, voteAgainst: count, voteTotal: count }),
  (actor, d) => {
    decideNomination(actor, d.id, d.decision, { for: d.voteFor, against: d.voteAgainst, total: d.voteTotal });
    done();
  },
);

export const reconsider = validatedAction(z.object({ id, reason: text(2000) }), (actor, d) => {
  reconsiderNomination(actor, d.id, d.reason);
  done();
});

export const comment = validatedAction(z.object({ id, body: text(2000) }), (actor, d) => {
  commentOnNomination(actor, d.id, d.body);
  done();
});

export const attach = validatedAction(z.object({ id, file: z.instanceof(File) }), async (actor, d) => {
  addAttachment(actor, d.id, { name: d.file.name, bytes: new Uint8Array(await d.file.arrayBuffer()) });
  done();
});

export const hideComment = validatedAction(z.object({ feedbackId: id, reason: text(500) }), (actor, d) => {
  hideFeedback(actor, d.feedbackId, d.reason);
  done();
});
