'use client';
// Recording a paper decision: the terms and the list (a file or pasted rows), a dry run that lists bad
// rows or matches every name against the registry, then a choice for each near match and one confirm.
import { useActionState } from 'react';
import { FileInput } from '@/components/file-input';
import { MAX_IMPORT_BYTES } from '@/lib/upload-limits';
import type { ArchiveRow } from '@/lib/archive';
import type { ImportState } from './import-form';

export type ArchiveState = Pick<ImportState, 'fileError' | 'rowErrors' | 'rows' | 'token'> & {
  field?: string;
  list?: ArchiveRow[];
  recorded?: { id: number; slug: string; awards: number; linked: number; created: number };
};
/** A file download, not a page. */
const TEMPLATE = '/api/templates/archive';

type Action = (prev: ArchiveState, formData: FormData) => Promise<ArchiveState>;

export type ArchiveLabels = Record<
  | 'terms' | 'title' | 'theme' | 'period' | 'authority' | 'awardForm' | 'decisionNumber' | 'decisionDate' | 'decisionSigner' | 'decisionPlace'
  | 'list' | 'file' | 'paste' | 'pasteHint' | 'template' | 'check' | 'checking' | 'errorsTitle' | 'row' | 'column' | 'value' | 'reason'
  | 'preview' | 'kind' | 'name' | 'unit' | 'match' | 'exact' | 'near' | 'new' | 'chooseLegend' | 'createNew' | 'record' | 'recordConfirm'
  | 'recording' | 'recorded' | 'openRound' | 'individual' | 'collective' | 'summary' | 'invalidField',
  string
>;

export function ArchiveForm({ locale, labels, check, record, tooLarge }: { locale: string; labels: ArchiveLabels; check: Action; record: Action; tooLarge: string }) {
  const [checked, checkAction, checking] = useActionState<ArchiveState, FormData>(check, {});
  const [done, recordAction, recording] = useActionState<ArchiveState, FormData>(record, {});
  const fill = (s: string, values: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
  const list = checked.list ?? [];
  const near = list.filter((r) => r.match === 'near').length;
  const field = (name: keyof ArchiveLabels, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`ar-${name}`} className="label">{labels[name]}</label>
      <input id={`ar-${name}`} name={name} className="field" required maxLength={300} {...props} />
    </div>
  );
  if (done.recorded) {
    return (
      <div role="status" className="card space-y-2" data-testid="archive-recorded">
        <p className="font-semibold text-emerald-900">{fill(labels.recorded, done.recorded)}</p>
        <p><a className="btn-primary" href={`${locale === 'vi' ? '' : `/${locale}`}/manage/rounds/${done.recorded.id}`}>{labels.openRound}</a></p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <form action={checkAction} className="card space-y-4">
        <input type="hidden" name="locale" value={locale} />
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">{labels.terms}</legend>
          {field('title')}
          {field('theme')}
          {field('period', { maxLength: 100, placeholder: '2016–2021' })}
          {field('authority', { placeholder: 'Chủ tịch UBND Quận 7' })}
          {field('awardForm', { placeholder: 'Giấy khen' })}
          {field('decisionNumber', { maxLength: 100, placeholder: '456/QĐ-UBND' })}
          {field('decisionDate', { type: 'date' })}
          {field('decisionSigner', { maxLength: 200 })}
          {field('decisionPlace', { required: false, maxLength: 200 })}
        </fieldset>
        <fieldset className="space-y-3">
          <legend className="mb-2 text-lg font-semibold">{labels.list}</legend>
          <p className="text-sm"><a href={TEMPLATE} download>{labels.template}</a></p>
          <div>
            <label htmlFor="ar-file" className="label">{labels.file}</label>
            <FileInput id="ar-file" name="file" maxBytes={MAX_IMPORT_BYTES} tooLargeText={tooLarge} accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="block w-full text-sm" />
          </div>
          <div>
            <label htmlFor="ar-list" className="label">{labels.paste}</label>
            <textarea id="ar-list" name="list" rows={6} className="field font-mono text-sm" aria-describedby="ar-list-hint" />
            <p id="ar-list-hint" className="mt-1 text-xs text-stone-600">{labels.pasteHint}</p>
          </div>
        </fieldset>
        <button type="submit" className="btn-primary" disabled={checking}>{labels.check}</button>
        {checking ? <p role="status" className="flex items-center gap-2 text-sm"><progress className="w-32" aria-label={labels.checking} /> {labels.checking}</p> : null}
      </form>

      {checked.fileError ? (
        <p role="alert" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 font-medium text-brand-800">
          {checked.fileError}{checked.field ? ` (${fill(labels.invalidField, { field: labels[checked.field as keyof ArchiveLabels] ?? checked.field })})` : ''}
        </p>
      ) : null}
      {checked.rowErrors && checked.rowErrors.length > 0 ? (
        <section className="card space-y-2" aria-labelledby="ar-errors">
          <h2 id="ar-errors" className="font-semibold text-brand-800">{fill(labels.errorsTitle, { count: checked.rowErrors.length })}</h2>
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

      {checked.token ? (
        <form action={recordAction} className="card space-y-3" onSubmit={(e) => { if (!window.confirm(labels.recordConfirm)) e.preventDefault(); }}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="token" value={checked.token} />
          <h2 className="text-lg font-semibold" id="ar-preview">{labels.preview}</h2>
          <p role="status" data-testid="archive-summary">
            {fill(labels.summary, {
              rows: list.length,
              exact: list.filter((r) => r.match === 'exact').length,
              near,
              new: list.filter((r) => r.match === 'new').length,
            })}
          </p>
          <div className="overflow-x-auto">
            <table className="table" aria-labelledby="ar-preview" data-testid="archive-preview">
              <thead><tr><th scope="col">{labels.row}</th><th scope="col">{labels.kind}</th><th scope="col">{labels.name}</th><th scope="col">{labels.unit}</th><th scope="col">{labels.match}</th></tr></thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.row} data-match={r.match}>
                    <td className="tabular-nums">{r.row}</td>
                    <td>{labels[r.kind]}</td>
                    <td>{r.name}{r.position ? <span className="block text-xs text-stone-600">{r.position}</span> : null}</td>
                    <td>{r.unit}</td>
                    <td>
                      {r.match === 'near' ? (
                        <fieldset>
                          <legend className="text-sm font-semibold text-gold-700">{fill(labels.chooseLegend, { name: r.name, row: r.row })}</legend>
                          {r.candidates.map((c) => (
                            <label key={c.id} className="flex items-start gap-2 text-sm">
                              <input type="radio" name={`choice-${r.row}`} value={c.id} required className="mt-1" />
                              <span>{c.name} — {c.unit}{c.detail ? ` (${c.detail})` : ''} · #{c.id}</span>
                            </label>
                          ))}
                          <label className="flex items-start gap-2 text-sm">
                            <input type="radio" name={`choice-${r.row}`} value="new" required className="mt-1" />
                            <span>{labels.createNew}</span>
                          </label>
                        </fieldset>
                      ) : (
                        <span className="text-sm">{r.match === 'exact' ? labels.exact : labels.new}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="btn-primary" disabled={recording}>{labels.record}</button>
          {recording ? <p role="status" className="flex items-center gap-2 text-sm"><progress className="w-32" aria-label={labels.recording} /> {labels.recording}</p> : null}
          {done.fileError ? <p role="alert" className="font-medium text-brand-800">{done.fileError}</p> : null}
        </form>
      ) : null}
    </div>
  );
}
