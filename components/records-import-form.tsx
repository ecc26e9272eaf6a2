'use client';
// The yearly records import: check the file (a dry run listing every bad row), then confirm to write it all.
import { useActionState } from 'react';
import { FileInput } from '@/components/file-input';
import type { ImportState } from '@/components/import-form';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';

type Action = (prev: ImportState, formData: FormData) => Promise<ImportState>;
export type RecordsImportLabels = { file: string; check: string; checking: string; confirm: string; confirmText: string; writing: string; valid: string; written: string; errorsTitle: string; row: string; column: string; value: string; reason: string };

export function RecordsImportForm({ locale, labels, check, confirm, tooLarge }: { locale: string; labels: RecordsImportLabels; check: Action; confirm: Action; tooLarge: string }) {
  const [checked, checkAction, checking] = useActionState<ImportState, FormData>(check, {});
  const [done, confirmAction, writing] = useActionState<ImportState, FormData>(confirm, {});
  const fill = (s: string, n: number) => s.replace('{count}', n.toLocaleString(locale));
  return (
    <div className="space-y-3">
      <form action={checkAction} className="space-y-3">
        <input type="hidden" name="locale" value={locale} />
        <div>
          <label htmlFor="rec-file" className="label">{labels.file}</label>
          <FileInput id="rec-file" name="file" required maxBytes={MAX_IMPORT_BYTES} tooLargeText={tooLarge} accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="block w-full text-sm" />
        </div>
        <button type="submit" className="btn-primary" disabled={checking}>{labels.check}</button>
        {checking ? <p role="status" className="flex items-center gap-2 text-sm"><progress className="w-32" aria-label={labels.checking} /> {labels.checking}</p> : null}
      </form>
      {checked.fileError ? <p role="alert" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 font-medium text-brand-800">{checked.fileError}</p> : null}
      {checked.rowErrors && checked.rowErrors.length > 0 ? (
        <section className="space-y-2" aria-labelledby="rec-errors">
          <h3 id="rec-errors" className="font-semibold text-brand-800">{fill(labels.errorsTitle, checked.rowErrors.length)}</h3>
          <div className="overflow-x-auto">
            <table className="table" data-testid="import-errors">
              <thead><tr><th scope="col">{labels.row}</th><th scope="col">{labels.column}</th><th scope="col">{labels.value}</th><th scope="col">{labels.reason}</th></tr></thead>
              <tbody>
                {checked.rowErrors.map((e, i) => <tr key={i}><td className="tabular-nums">{e.row}</td><td>{e.column}</td><td>{e.value}</td><td>{e.reason}</td></tr>)}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {checked.token && done.written === undefined ? (
        <form action={confirmAction} className="space-y-3" onSubmit={(e) => { if (!window.confirm(labels.confirmText)) e.preventDefault(); }}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="token" value={checked.token} />
          <p role="status" className="font-medium">{fill(labels.valid, checked.rows ?? 0)}</p>
          <button type="submit" className="btn-primary" disabled={writing}>{labels.confirm}</button>
          {writing ? <p role="status" className="flex items-center gap-2 text-sm"><progress className="w-32" aria-label={labels.writing} /> {labels.writing}</p> : null}
          {done.fileError ? <p role="alert" className="font-medium text-brand-800">{done.fileError}</p> : null}
        </form>
      ) : null}
      {done.written !== undefined ? <p role="status" className="font-semibold text-emerald-900" data-testid="import-done">{fill(labels.written, done.written)}</p> : null}
    </div>
  );
}
