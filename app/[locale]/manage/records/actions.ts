'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getActor } from '@/lib/actor';
import { validatedAction } from '@/lib/action';
import { addRecord, confirmRecordImport, deleteRecord, stageRecordImport, type RecordImportResult } from '@/lib/eligibility';
import type { ImportState } from '@/components/import-form';
import { failure, formLocale as locale, invalid } from '../import/messages';

async function describe(l: string, r: RecordImportResult): Promise<ImportState> {
  const [t, te] = await Promise.all([getTranslations({ locale: l, namespace: 'import' }), getTranslations({ locale: l, namespace: 'eligibility' })]);
  return {
    rows: r.rows,
    fileError: r.fileError ? t(`file.${r.fileError.code as 'empty'}`, { columns: (r.fileError.columns ?? []).join(', ') }) : undefined,
    rowErrors: r.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, reason: te(`importRow.${e.code}`) })),
  };
}

export async function checkRecords(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const l = locale.parse(formData.get('locale'));
  const file = z.instanceof(File).safeParse(formData.get('file'));
  if (!file.success) return invalid(l);
  try {
    const r = await stageRecordImport(await getActor(), new Uint8Array(await file.data.arrayBuffer()));
    return { ...(await describe(l, r)), token: r.token };
  } catch (e) {
    return failure(l, e);
  }
}

export async function confirmRecords(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const l = locale.parse(formData.get('locale'));
  const token = z.string().regex(/^[a-f0-9]{32}$/).safeParse(formData.get('token'));
  if (!token.success) return invalid(l);
  try {
    const r = await confirmRecordImport(await getActor(), token.data);
    revalidatePath('/', 'layout');
    return { ...(await describe(l, r)), written: r.written };
  } catch (e) {
    return failure(l, e);
  }
}

const id = z.coerce.number().int().positive();
const optional = (max: number) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().trim().max(max).nullable());

export const addYearRecord = validatedAction(
  z.object({
    nomineeKind: z.enum(['individual', 'collective']),
    nomineeId: id,
    year: z.coerce.number().int().min(1945).max(2100),
    kind: z.enum(['rating', 'title', 'initiative', 'award']),
    value: z.string().trim().min(1).max(200),
    awardValue: optional(200),
    sourceNumber: z.string().trim().min(1).max(100),
    sourceDate: z.preprocess((v) => (v === '' || v == null ? null : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable()),
    note: optional(1000),
  }),
  async (actor, d) => {
    // An award is named in its own text field (the select offers codes for the other kinds).
    const value = d.kind === 'award' ? (d.awardValue ?? '') : d.value;
    await addRecord(actor, { kind: d.nomineeKind, id: d.nomineeId }, { year: d.year, kind: d.kind, value, sourceNumber: d.sourceNumber, sourceDate: d.sourceDate, note: d.note });
    revalidatePath('/', 'layout');
  },
);

export const removeYearRecord = validatedAction(z.object({ recordId: id }), async (actor, d) => {
  await deleteRecord(actor, d.recordId);
  revalidatePath('/', 'layout');
});
