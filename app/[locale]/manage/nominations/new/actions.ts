'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { DomainError } from '@/lib/errors';
import { nominate } from '@/lib/dossier-edit';
import { pickedFiles, filesField } from '@/lib/form-files';
import type { NewNominee } from '@/lib/workflow';

const optionalId = z.preprocess((v) => (v === '' || v == null ? undefined : v), z.coerce.number().int().positive().optional());

const schema = z.object({
  locale: z.enum(['vi', 'en', 'ko']).catch('vi'),
  roundId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
  kind: z.enum(['individual', 'collective']),
  existingIndividual: optionalId,
  existingCollective: optionalId,
  name: z.string().trim().max(200).optional(),
  position: z.string().trim().max(200).optional(),
  gender: z.enum(['male', 'female', 'other', '']).optional(),
  birthYear: z.preprocess((v) => (v === '' || v == null ? undefined : v), z.coerce.number().int().min(1900).max(2030).optional()),
  partyMember: z.string().optional(),
  summary: z.string().trim().min(1).max(4000),
  confirmDuplicate: z.string().optional(),
  'files[]': filesField,
  intent: z.enum(['save', 'send']).optional(),
  exceptionReason: z.string().trim().max(2000).optional(),
});

export const create = validatedAction(schema, async (actor, d) => {
  let nominee: NewNominee;
  if (d.kind === 'individual') {
    if (d.existingIndividual) nominee = { kind: 'individual', individualId: d.existingIndividual };
    else if (d.name) nominee = { kind: 'individual', create: { fullName: d.name, position: d.position || null, gender: d.gender || null, birthYear: d.birthYear ?? null, partyMember: d.partyMember === 'on', unitId: d.unitId } };
    else throw nameMissing();
  } else {
    if (d.existingCollective) nominee = { kind: 'collective', collectiveId: d.existingCollective };
    else if (d.name) nominee = { kind: 'collective', create: { name: d.name, unitId: d.unitId } };
    else throw nameMissing();
  }
  const files = await pickedFiles(d['files[]']);
  const { id } = await nominate(actor, { roundId: d.roundId, unitId: d.unitId, nominee, summary: d.summary }, files, { confirmDuplicate: d.confirmDuplicate === 'on', send: d.intent === 'send', exceptionReason: d.exceptionReason || undefined });
  redirect(`${d.locale === 'vi' ? '' : `/${d.locale}`}/manage/nominations/${id}`);
});

function nameMissing() {
  return new DomainError('invalid_input', { field: 'name' });
}
