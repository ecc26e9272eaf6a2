'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { confirmImport, IMPORT_KINDS, stageImport, type ImportResult } from '@/lib/import';
import type { ImportState } from '@/components/import-form';

const locale = z.enum(['vi', 'en', 'ko']).catch('vi');
const checkSchema = z.object({ locale, kind: z.enum(IMPORT_KINDS), round: z.string().max(200).optional(), file: z.instanceof(File) });

async function describe(l: string, r: ImportResult): Promise<Pick<ImportState, 'fileError' | 'rowErrors' | 'rows'>> {
  const t = await getTranslations({ locale: l, namespace: 'import' });
  return {
    rows: r.rows,
    fileError: r.fileError ? t(`file.${r.fileError.code}`, { columns: (r.fileError.columns ?? []).join(', ') }) : undefined,
    rowErrors: r.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, reason: t(`row.${e.code}`) })),
  };
}

async function invalid(l: string): Promise<ImportState> {
  return { fileError: (await getTranslations({ locale: l, namespace: 'errors' }))('invalid_input') };
}

async function failure(l: string, e: unknown): Promise<ImportState> {
  if (!isDomainError(e)) throw e;
  const t = await getTranslations({ locale: l, namespace: 'errors' });
  return { fileError: t.has(e.code) ? t(e.code, { quota: '', missing: '' }) : t('generic') };
}

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
