// A nomination's dossier as its unit edits it: created with its files on one form, then saved (nominee
// fields, summary, new files) and sent in one step, so a picked file or an edited summary is never dropped.
// Every function is one transaction with its audit events; files are written first and removed again when
// the transaction does not commit.
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { attachments, collectives, individuals, nominationComments, nominations, GENDERS } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { discardStaged, recordAttachment, stageFiles, uploadsDir } from '@/lib/attachments';
import { DomainError } from '@/lib/errors';
import { refuseIfFrozenListChanged } from '@/lib/final-list';
import type { Actor } from '@/lib/policy';
import { clean, fold } from '@/lib/text';
import { authorizeIn, createNomination, onBehalfOf, submitIn, write, type NewNominee } from '@/lib/workflow';
import { first } from '@/db/query';

export type PickedFile = { name: string; bytes: Uint8Array };

/** The nominee's own fields, editable while the dossier is a draft or returned. */
export type NomineeFields = {
  name: string;
  position?: string | null;
  gender?: (typeof GENDERS)[number] | null;
  birthYear?: number | null;
  partyMember?: boolean;
};

/** Creates a draft nomination with its files, and sends it when asked: all or nothing. */
export async function nominate(
  actor: Actor | null,
  input: { roundId: number; unitId: number; nominee: NewNominee; summary: string },
  files: PickedFile[] = [],
  opts: { confirmDuplicate?: boolean; send?: boolean; exceptionReason?: string } = {},
  now = new Date(),
): Promise<{ id: number }> {
  const staged = stageFiles(files);
  try {
    return await createNomination(actor, input, now, {
      confirmDuplicate: opts.confirmDuplicate,
      within: async (tx, id) => {
        for (const s of staged) await recordAttachment(tx, actor!, id, s, now);
        if (opts.send) await submitIn(tx, actor, id, now, opts.exceptionReason);
      },
    });
  } catch (e) {
    discardStaged(staged);
    throw e;
  }
}

/**
 * Saves what the unit's form holds — the nominee's fields, the summary, any new files — and, when `send`,
 * submits (or resubmits) it in the same transaction: nothing typed or picked is left behind.
 */
export async function saveDossier(
  actor: Actor | null,
  id: number,
  input: { nominee?: NomineeFields; summary: string; files?: PickedFile[]; send?: boolean; exceptionReason?: string },
  now = new Date(),
): Promise<{ submitted: boolean }> {
  const staged = stageFiles(input.files ?? []);
  try {
    return await write(async (tx) => {
      const ctx = await authorizeIn(tx, actor, id, 'edit', now);
      const row = (await first(tx.select({ individualId: nominations.individualId, collectiveId: nominations.collectiveId }).from(nominations).where(eq(nominations.id, id))))!;
      const behalf = onBehalfOf(actor, ctx);
      if (input.nominee) {
        const name = clean(input.nominee.name);
        if (!name || name.length > 200) throw new DomainError('invalid_input', { field: 'name' });
        if (row.individualId) {
          const before = (await first(tx.select().from(individuals).where(eq(individuals.id, row.individualId))))!;
          const after = {
            fullName: name,
            position: input.nominee.position ? clean(input.nominee.position) : null,
            gender: input.nominee.gender ?? null,
            birthYear: input.nominee.birthYear ?? null,
            partyMember: !!input.nominee.partyMember,
          };
          const was = { fullName: before.fullName, position: before.position, gender: before.gender, birthYear: before.birthYear, partyMember: before.partyMember };
          if (JSON.stringify(was) !== JSON.stringify(after)) {
            await tx.update(individuals).set({ ...after, nameFolded: fold(name) }).where(eq(individuals.id, row.individualId));
            await appendAudit(tx, { actorId: actor!.id, action: 'individual.edit', entityType: 'individual', entityId: row.individualId, before: was, after: { ...after, ...behalf } });
          }
        } else if (row.collectiveId) {
          const before = (await first(tx.select({ name: collectives.name }).from(collectives).where(eq(collectives.id, row.collectiveId))))!;
          if (before.name !== name) {
            await tx.update(collectives).set({ name, nameFolded: fold(name) }).where(eq(collectives.id, row.collectiveId));
            await appendAudit(tx, { actorId: actor!.id, action: 'collective.edit', entityType: 'collective', entityId: row.collectiveId, before, after: { name, ...behalf } });
          }
        }
        // The same person may stand on another round's signed-off list: that list does not change.
        await refuseIfFrozenListChanged(tx);
      }
      const summary = clean(input.summary);
      if (!summary || summary.length > 4000) throw new DomainError('invalid_input', { field: 'summary' });
      if (summary !== ctx.summary) {
        await tx.update(nominations).set({ summary, updatedAt: now }).where(eq(nominations.id, id));
        await appendAudit(tx, { actorId: actor!.id, action: 'nomination.edit', entityType: 'nomination', entityId: id, before: { summary: ctx.summary }, after: { summary, ...behalf } });
      }
      for (const s of staged) await recordAttachment(tx, actor!, id, s, now);
      if (input.send) await submitIn(tx, actor, id, now, input.exceptionReason);
      return { submitted: !!input.send };
    });
  } catch (e) {
    discardStaged(staged);
    throw e;
  }
}

/** Deletes a draft the unit no longer wants (never a submitted one: that is withdrawn, with a reason). The
 * person stays in the registry; the draft's files go once the records have. */
export async function deleteDraft(actor: Actor | null, id: number, now = new Date()): Promise<void> {
  const keys = await write(async (tx) => {
    const ctx = await authorizeIn(tx, actor, id, 'edit', now);
    if (ctx.status !== 'draft') throw new DomainError('invalid_state');
    const files = await tx.select({ storageKey: attachments.storageKey, fileName: attachments.fileName }).from(attachments).where(eq(attachments.nominationId, id));
    await tx.delete(attachments).where(eq(attachments.nominationId, id));
    await tx.delete(nominationComments).where(eq(nominationComments.nominationId, id));
    await tx.delete(nominations).where(eq(nominations.id, id));
    await appendAudit(tx, {
      actorId: actor!.id,
      action: 'nomination.delete',
      entityType: 'nomination',
      entityId: id,
      before: { roundId: ctx.roundId, unitId: ctx.unitId, kind: ctx.kind, summary: ctx.summary, files: files.map((f) => f.fileName) },
      after: null,
    });
    return files.map((f) => f.storageKey);
  });
  for (const key of keys) fs.rmSync(path.join(uploadsDir(), key), { force: true });
}
