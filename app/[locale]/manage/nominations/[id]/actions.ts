'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { removeAttachment } from '@/lib/attachments';
import { deleteDraft, saveDossier } from '@/lib/dossier-edit';
import { filesField, pickedFiles } from '@/lib/form-files';
import { hideFeedback } from '@/lib/consultation';
import { checkNomination, commentOnNomination, decideNomination, excludeNomination, reconsiderNomination, returnNomination, withdrawNomination } from '@/lib/workflow';

const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.coerce.number().int().min(0).max(1000);
const done = () => revalidatePath('/', 'layout');

export const returnWithReason = validatedAction(z.object({ id, reason: text(2000) }), async (actor, d) => {
  await returnNomination(actor, d.id, d.reason);
  done();
});

export const markChecked = validatedAction(z.object({ id }), async (actor, d) => {
  await checkNomination(actor, d.id);
  done();
});

const optionalCount = z.preprocess((v) => (v === '' || v == null ? undefined : v), count.optional());

export const decide = validatedAction(
  // voteTotal: the older form's "members" field (abstain = total − for − against), still accepted.
  z.object({ id, decision: z.enum(['approve', 'reject']), voteFor: count, voteAgainst: count, voteAbstain: optionalCount, voteTotal: optionalCount }),
  async (actor, d) => {
    await decideNomination(actor, d.id, d.decision, { for: d.voteFor, against: d.voteAgainst, abstain: d.voteAbstain, total: d.voteTotal });
    done();
  },
);

export const reconsider = validatedAction(z.object({ id, reason: text(2000) }), async (actor, d) => {
  await reconsiderNomination(actor, d.id, d.reason);
  done();
});

export const withdraw = validatedAction(z.object({ id, reason: text(2000) }), async (actor, d) => {
  await withdrawNomination(actor, d.id, d.reason);
  done();
});

export const exclude = validatedAction(z.object({ id, reason: text(2000) }), async (actor, d) => {
  await excludeNomination(actor, d.id, d.reason);
  done();
});

export const comment = validatedAction(z.object({ id, body: text(2000) }), async (actor, d) => {
  await commentOnNomination(actor, d.id, d.body);
  done();
});

export const hideComment = validatedAction(z.object({ feedbackId: id, reason: text(500) }), async (actor, d) => {
  await hideFeedback(actor, d.feedbackId, d.reason);
  done();
});

const optional = (max: number) => z.string().trim().max(max).optional();

/** The unit's one form: the nominee's fields, the summary and new files are saved together, and sent when
 * the send button was pressed — nothing typed or picked is dropped. */
export const saveAll = validatedAction(
  z.object({
    id,
    name: optional(200),
    position: optional(200),
    gender: z.enum(['male', 'female', 'other', '']).optional(),
    birthYear: z.preprocess((v) => (v === '' || v == null ? undefined : v), z.coerce.number().int().min(1900).max(2030).optional()),
    partyMember: z.string().optional(),
    summary: text(4000),
    'files[]': filesField,
    intent: z.enum(['save', 'send']).optional(),
    exceptionReason: optional(2000),
  }),
  async (actor, d) => {
    const files = await pickedFiles(d['files[]']);
    const nominee = d.name !== undefined ? { name: d.name, position: d.position || null, gender: d.gender || null, birthYear: d.birthYear ?? null, partyMember: d.partyMember === 'on' } : undefined;
    await saveDossier(actor, d.id, { nominee, summary: d.summary, files, send: d.intent === 'send', exceptionReason: d.exceptionReason || undefined });
    done();
  },
);

export const detach = validatedAction(z.object({ attachmentId: id }), async (actor, d) => {
  await removeAttachment(actor, d.attachmentId);
  done();
});

export const removeDraft = validatedAction(z.object({ id, locale: z.enum(['vi', 'en', 'ko']).catch('vi') }), async (actor, d) => {
  await deleteDraft(actor, d.id);
  done();
  redirect(`${d.locale === 'vi' ? '' : `/${d.locale}`}/manage/nominations`);
});
