'use client';
// The council sitting in one screen: the sitting's record, then one row per checked nominee with the
// outcome and the votes for and against (abstained/absent follows from the members). A row takes the
// previous row's values until it is edited, so a council that votes alike is typed once; one
// confirmation, one server action, one transaction. Inputs are controlled: a refusal keeps everything
// typed and marks each refused row and field with the reason.
import { useActionState, useState } from 'react';
import { fill } from '@/components/vote-form';

export type SittingFormState = { ok?: boolean; error?: string; params?: Record<string, string | number>; at?: number };
type Action = (prev: SittingFormState, formData: FormData) => Promise<SittingFormState>;

export type SittingLabels = Record<
  'sitting' | 'heldOn' | 'place' | 'chair' | 'secretary' | 'membersPresent' | 'votes' | 'noChecked' | 'nominee' | 'unit' | 'decision' | 'approve' | 'reject' | 'for' | 'against' | 'abstain' | 'rowLabel' | 'hint' | 'submit' | 'submitSitting' | 'confirm' | 'saved' | 'rowsTitle',
  string
>;

type Row = { decision: 'approve' | 'reject'; for: string; against: string; touched: boolean };
type SittingFields = { heldOn: string; place: string; chair: string; secretary: string; membersPresent: string };

export function SittingForm({
  action,
  roundId,
  members,
  defaults,
  nominees,
  labels,
  errors,
  voteErrors,
}: {
  action: Action;
  roundId: number;
  members: number;
  defaults: SittingFields;
  nominees: Array<{ id: number; name: string; kind: string; unit: string }>;
  labels: SittingLabels;
  errors: Record<string, string>;
  voteErrors: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState<SittingFormState, FormData>(action, {});
  const [sitting, setSitting] = useState<SittingFields>(defaults);
  const [rows, setRows] = useState<Row[]>(() => nominees.map(() => ({ decision: 'approve', for: '', against: '', touched: false })));

  const message = (code: string | undefined, params: Record<string, string | number>) =>
    code === 'council_vote' ? fill(voteErrors[String(params.reason)] ?? errors.council_vote ?? errors.generic, params) : fill(errors[code ?? 'generic'] ?? errors.generic, params);
  const params = state.params ?? {};
  const rowErrors = new Map<number, { text: string; field: string }>();
  if (state.error === 'council_vote' && params.reason === 'rows') {
    for (const r of JSON.parse(String(params.rows)) as Array<Record<string, string | number>>) {
      rowErrors.set(Number(r.nominationId), { text: message(String(r.code), r), field: String(r.field ?? '') });
    }
  }
  const formMessage = state.error ? message(state.error, params) : null;
  const sittingField = state.error && params.reason !== 'rows' ? String(params.field ?? '') : '';

  /** Edits row i; every later row not edited yet follows the row above it. */
  const edit = (i: number, patch: Partial<Row>) =>
    setRows((old) => {
      const next = old.map((r, j) => (j === i ? { ...r, ...patch, touched: true } : r));
      for (let j = i + 1; j < next.length && !next[j].touched; j++) next[j] = { ...next[j - 1], touched: false };
      return next;
    });

  const approve = rows.filter((r) => r.decision === 'approve').length;
  const confirmText = fill(labels.confirm, { count: rows.length, approve, reject: rows.length - approve });
  const sittingInput = (name: keyof SittingFields, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`s-${name}`} className="label">{labels[name]}</label>
      <input
        id={`s-${name}`}
        name={name}
        className="field"
        required
        maxLength={200}
        value={sitting[name]}
        onChange={(e) => setSitting({ ...sitting, [name]: e.target.value })}
        aria-invalid={sittingField === name || undefined}
        aria-describedby={sittingField === name ? 'sitting-error' : undefined}
        {...props}
      />
    </div>
  );
  const abstainOf = (r: Row) => (r.for === '' || r.against === '' ? '' : members - Number(r.for) - Number(r.against));

  return (
    <form
      action={formAction}
      className="space-y-6"
      onSubmit={(e) => {
        if (!window.confirm(confirmText)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={roundId} />
      {formMessage ? (
        <div role="alert" id="sitting-error" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800">
          <p>{formMessage}</p>
          {rowErrors.size ? (
            <>
              <p className="mt-1">{labels.rowsTitle}</p>
              <ul className="list-disc pl-5">
                {nominees.filter((n) => rowErrors.has(n.id)).map((n) => <li key={n.id}><a href={`#row-${n.id}`} className="underline">{n.name}</a>: {rowErrors.get(n.id)!.text}</li>)}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {state.ok ? <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">{labels.saved}</p> : null}

      <fieldset className="card space-y-3">
        <legend className="px-1 text-lg font-semibold">{labels.sitting}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {sittingInput('heldOn', { type: 'date' })}
          {sittingInput('place')}
          {sittingInput('chair')}
          {sittingInput('secretary')}
        </div>
        <div>
          <label htmlFor="s-membersPresent" className="label">{labels.membersPresent}</label>
          <textarea
            id="s-membersPresent"
            name="membersPresent"
            rows={5}
            required
            maxLength={20000}
            className="field"
            value={sitting.membersPresent}
            onChange={(e) => setSitting({ ...sitting, membersPresent: e.target.value })}
            aria-invalid={sittingField === 'membersPresent' || undefined}
            aria-describedby={sittingField === 'membersPresent' ? 'sitting-error' : undefined}
          />
        </div>
      </fieldset>

      <section className="card space-y-3" aria-labelledby="votes-h">
        <h2 id="votes-h" className="text-lg font-semibold">{fill(labels.votes, { count: nominees.length })}</h2>
        {nominees.length === 0 ? (
          <p className="text-stone-700">{labels.noChecked}</p>
        ) : (
          <>
            <p className="text-sm text-stone-700">{labels.hint}</p>
            <div className="overflow-x-auto">
              <table className="table" data-testid="sitting-votes">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{labels.nominee}</th>
                    <th scope="col">{labels.decision}</th>
                    <th scope="col">{labels.for}</th>
                    <th scope="col">{labels.against}</th>
                    <th scope="col">{labels.abstain}</th>
                  </tr>
                </thead>
                <tbody>
                  {nominees.map((n, i) => {
                    const r = rows[i];
                    const err = rowErrors.get(n.id);
                    const errId = `row-${n.id}-error`;
                    const mark = (field: string) => (err && (err.field === field || (!err.field && field === 'voteFor')) ? { 'aria-invalid': true as const, 'aria-describedby': errId } : {});
                    const aria = (field: string) => fill(labels.rowLabel, { field, name: n.name });
                    const abstain = abstainOf(r);
                    return (
                      <tr key={n.id} id={`row-${n.id}`} data-testid={`sitting-row-${n.id}`} className={err ? 'bg-brand-50' : undefined}>
                        <td className="tabular-nums">{i + 1}</td>
                        <td>
                          <span className="font-medium">{n.name}</span> <span className="text-sm text-stone-600">· {n.kind} · {n.unit}</span>
                          {err ? <p id={errId} className="mt-1 text-sm font-medium text-brand-800">{err.text}</p> : null}
                          <input type="hidden" name="nominationId[]" value={n.id} />
                        </td>
                        <td>
                          <select name="decision[]" aria-label={aria(labels.decision)} className="field" value={r.decision} onChange={(e) => edit(i, { decision: e.target.value as Row['decision'] })} {...mark('decision')}>
                            <option value="approve">{labels.approve}</option>
                            <option value="reject">{labels.reject}</option>
                          </select>
                        </td>
                        <td>
                          <input name="for[]" type="number" inputMode="numeric" min={0} max={members} required aria-label={aria(labels.for)} className="field w-20" value={r.for} onChange={(e) => edit(i, { for: e.target.value })} {...mark('voteFor')} />
                        </td>
                        <td>
                          <input name="against[]" type="number" inputMode="numeric" min={0} max={members} required aria-label={aria(labels.against)} className="field w-20" value={r.against} onChange={(e) => edit(i, { against: e.target.value })} {...mark('voteAgainst')} />
                        </td>
                        <td className="tabular-nums" aria-live="off">{abstain === '' ? '—' : abstain < 0 ? <span className="font-semibold text-brand-800">{abstain}</span> : abstain}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <button type="submit" className="btn-primary" disabled={pending}>{nominees.length ? labels.submit : labels.submitSitting}</button>
    </form>
  );
}
