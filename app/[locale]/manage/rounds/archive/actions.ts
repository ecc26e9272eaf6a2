'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getActor } from '@/lib/actor';
import { checkArchiveList, recordArchiveRound } from '@/lib/archive';
import type { ArchiveState } from '@/components/archive-form';
import { describe, failure, formLocale as locale, invalid } from '../../import/messages';

const text = (max: number) => z.string().trim().min(1).max(max);
const termsSchema = z.object({
  title: text(300),
  theme: text(300),
  period: text(100),
  authority: text(200),
  awardForm: text(200),
  decisionNumber: text(100),
  decisionDate: z.iso.date(),
  decisionSigner: text(200),
  decisionPlace: z.string().trim().max(200).transform((v) => v || null),
});
const checkSchema = termsSchema.extend({ file: z.instanceof(File).optional(), list: z.string().max(2_000_000).optional() });

/** The dry run: the terms, then the list from the file, or else from the text pasted in the form. */
export async function checkArchive(_prev: ArchiveState, formData: FormData): Promise<ArchiveState> {
  const l = locale.parse(formData.get('locale'));
  const parsed = checkSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ...(await invalid(l)), field: String(parsed.error.issues[0]?.path[0] ?? '') };
  const { file, list, ...terms } = parsed.data;
  const bytes = file && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(list ?? '');
  try {
    const r = await checkArchiveList(await getActor(), { terms, bytes });
    return { ...(await describe(l, r)), list: r.list, token: r.token };
  } catch (e) {
    return failure(l, e);
  }
}

const choice = z.union([z.literal('new'), z.coerce.number().int().positive()]);

export async function recordArchive(_prev: ArchiveState, formData: FormData): Promise<ArchiveState> {
  const l = locale.parse(formData.get('locale'));
  const token = z.string().regex(/^[a-f0-9]{32}$/).safeParse(formData.get('token'));
  if (!token.success) return invalid(l);
  const choices: Record<number, number | 'new'> = {};
  for (const [key, value] of formData) {
    const row = /^choice-(\d{1,7})$/.exec(key);
    const c = choice.safeParse(value);
    if (row && c.success) choices[Number(row[1])] = c.data;
  }
  try {
    const r = await recordArchiveRound(await getActor(), { token: token.data, choices });
    revalidatePath('/', 'layout');
    return { recorded: r };
  } catch (e) {
    return failure(l, e);
  }
}
