'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { addAttachment } from '@/lib/attachments';
import { hideFeedback } from '@/lib/consultation';
import { checkNomination, commentOnNomination, decideNomination, excludeNomination, reconsiderNomination, returnNomination, submitNomination, updateNomination, withdrawNomination } from '@/lib/workflow';

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

const optionalCount = z.preprocess((v) => (v === '' || v == null ? undefined : v), count.optional());

export const decide = validatedAction(
  // voteTotal: the older form's "members" field (abstain = total − for − against), still accepted.
  z.object({ id, decision: z.enum(['approve', 'reject']), voteFor: count, voteAgainst: count, voteAbstain: optionalCount, voteTotal: optionalCount }),
  (actor, d) => {
    decideNomination(actor, d.id, d.decision, { for: d.voteFor, against: d.voteAgainst, abstain: d.voteAbstain, total: d.voteTotal });
    done();
  },
);

export const reconsider = validatedAction(z.object({ id, reason: text(2000) }), (actor, d) => {
  reconsiderNomination(actor, d.id, d.reason);
  done();
});

export const withdraw = validatedAction(z.object({ id, reason: text(2000) }), (actor, d) => {
  withdrawNomination(actor, d.id, d.reason);
  done();
});

export const exclude = validatedAction(z.object({ id, reason: text(2000) }), (actor, d) => {
  excludeNomination(actor, d.id, d.reason);
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
