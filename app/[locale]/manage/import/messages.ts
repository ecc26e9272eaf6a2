// Import results in the user's language, shared by the registry import and the archive recording.
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { isDomainError } from '@/lib/errors';
import type { ImportResult } from '@/lib/import';
import type { ImportState } from '@/components/import-form';

export const formLocale = z.enum(['vi', 'en', 'ko']).catch('vi');

export async function describe(l: string, r: Pick<ImportResult, 'rows' | 'errors' | 'fileError'>): Promise<Pick<ImportState, 'fileError' | 'rowErrors' | 'rows'>> {
  const t = await getTranslations({ locale: l, namespace: 'import' });
  return {
    rows: r.rows,
    fileError: r.fileError ? t(`file.${r.fileError.code}`, { columns: (r.fileError.columns ?? []).join(', ') }) : undefined,
    rowErrors: r.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, reason: t(`row.${e.code}`) })),
  };
}

export async function invalid(l: string): Promise<{ fileError: string }> {
  return { fileError: (await getTranslations({ locale: l, namespace: 'errors' }))('invalid_input') };
}

export async function failure(l: string, e: unknown): Promise<{ fileError: string }> {
  if (!isDomainError(e)) throw e;
  const t = await getTranslations({ locale: l, namespace: 'errors' });
  return { fileError: t.has(e.code) ? t(e.code, { quota: '', missing: '', rows: '', ...e.params }) : t('generic') };
}
