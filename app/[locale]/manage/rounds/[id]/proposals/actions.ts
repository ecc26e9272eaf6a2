'use server';
// Importing a proposal file from another deployment: a dry run, then the import (lib/proposals.ts checks
// the signature, the hashes, the round and the unit; nothing is written until `commit`).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { importProposal } from '@/lib/proposals';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';
import type { ProposalImportState } from '@/components/proposal-import-form';

const schema = z.object({
  id: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
  commit: z.enum(['0', '1']),
  confirmed: z.literal('on').optional(),
  file: z.instanceof(File).refine((f) => f.size > 0 && f.size <= MAX_IMPORT_BYTES),
});

export async function importProposalAction(_prev: ProposalImportState, formData: FormData): Promise<ProposalImportState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: 'invalid_input', params: { field: String(parsed.error.issues[0]?.path[0] ?? '') } };
  const d = parsed.data;
  const commit = d.commit === '1';
  if (commit && !d.confirmed) return { error: 'invalid_input', params: { field: 'confirmed' } };
  const actor = await getActor();
  if (!actor) return { error: 'session_expired' };
  try {
    const plan = await importProposal(actor, { toRoundId: d.id, unitId: d.unitId, bytes: new Uint8Array(await d.file.arrayBuffer()), commit });
    if (commit) revalidatePath('/', 'layout');
    return { plan };
  } catch (e) {
    if (isDomainError(e)) return { error: e.code, params: e.params };
    throw e;
  }
}
