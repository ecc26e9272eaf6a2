'use client';
// Importing a signed proposal file: "Check" shows what would be created (nothing written), then the import
// after a confirmation. The file is chosen again for the import: nothing is kept on the server between.
import { useActionState } from 'react';
import type { ImportPlan } from '@/lib/proposals';

export type ProposalImportState = { plan?: ImportPlan; error?: string; params?: Record<string, string | number> };
type Action = (prev: ProposalImportState, formData: FormData) => Promise<ProposalImportState>;

export function ProposalImportForm({ roundId, units, action, labels, errors }: {
  roundId: number;
  units: Array<{ id: number; name: string }>;
  action: Action;
  labels: Record<string, string>;
  errors: Record<string, string>;
}) {
  const [state, run, pending] = useActionState<ProposalImportState, FormData>(action, {});
  const fill = (s: string, p: Record<string, string | number> = {}) => s.replace(/\{(\w+)\}/g, (_, k) => String(p[k] ?? ''));
  const error = state.error
    ? state.error === 'invalid_file' && state.params?.reason && labels[`bad_${state.params.reason}`]
      ? fill(labels[`bad_${state.params.reason}`], state.params)
      : fill(errors[state.error] ?? errors.generic, state.params)
    : null;
  const plan = state.plan;
  return (
    <form action={run} className="space-y-4" onSubmit={(e) => {
      const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
      if (submitter?.value === '1' && !window.confirm(labels.importConfirm)) e.preventDefault();
    }}>
      <input type="hidden" name="id" value={roundId} />
      <label className="block">
        <span className="label">{labels.importFile}</span>
        <input type="file" name="file" accept=".zip,application/zip" required className="field" />
      </label>
      <label className="block">
        <span className="label">{labels.importUnit}</span>
        <select name="unitId" className="field" required>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
      <label className="inline-flex items-center gap-2">
        <input type="checkbox" name="confirmed" /> {labels.importConfirmLabel}
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="commit" value="0" className="btn-secondary" disabled={pending}>{labels.importCheck}</button>
        <button type="submit" name="commit" value="1" className="btn-primary" disabled={pending}>{labels.importCommit}</button>
      </div>
      <div role="status" aria-live="polite">
        {error ? <p className="font-medium text-red-800" data-testid="proposal-import-error">{error}</p> : null}
        {plan ? (
          <div className="space-y-2" data-testid="proposal-import-plan">
            <p className="font-medium">{fill(labels.importPreview, { unit: plan.round.unit, authority: plan.round.authority, round: plan.round.title, number: plan.decision.number ?? '—' })}</p>
            {plan.committed ? <p className="font-medium text-emerald-800">{fill(labels.importDone, { count: plan.nominationIds.length })}</p> : null}
            <ul className="list-disc pl-5 text-sm">
              {plan.items.map((i) => (
                <li key={i.ref}>{i.name} — {i.unit}: {labels[`action_${i.action}`]}{i.files ? ` · ${fill(labels.files, { count: i.files })}` : ''}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </form>
  );
}
