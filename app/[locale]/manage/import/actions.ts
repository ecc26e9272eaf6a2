'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getActor } from '@/lib/actor';
import { confirmImport, IMPORT_KINDS, stageImport } from '@/lib/import';
import type { ImportState } from '@/components/import-form';
import { describe, failure, formLocale as locale, invalid } from './messages';

const checkSchema = z.object({ locale, kind: z.enum(IMPORT_KINDS), round: z.string().max(200).optional(), file: z.instanceof(File) });

export async function checkImport(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const parsed = checkSchema.safeParse(Object.fromEntries(formData));
  const l = locale.parse(formData.get('locale'));
  if (!parsed.success) return invalid(l);
  const d = parsed.data;
  try {
    const r = await stageImport(await getActor(), { kind: d.kind, bytes: new Uint8Array(await d.file.arrayBuffer()), roundSlug: d.kind === 'nominations' ? d.round : undefined });
    return { ...(await describe(l, r)), token: r.token, kind: d.kind, ms: r.ms };
  } catch (e) {
    return failure(l, e);
  }
}

export async function confirm(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const l = locale.parse(formData.get('locale'));
  const token = z.string().regex(/^[a-f0-9]{32}$/).safeParse(formData.get('token'));
  if (!token.success) return invalid(l);
  try {
    const r = await confirmImport(await getActor(), token.data);
    revalidatePath('/', 'layout');
    return { ...(await describe(l, r)), written: r.written, ms: r.ms };
  } catch (e) {
    return failure(l, e);
  }
}
