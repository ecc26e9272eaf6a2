'use client';
// The approver's single decision with the council's tally. The inputs are controlled, so a refusal keeps
// what was typed; the field at fault is marked (aria-invalid) and the message, in the user's language,
// sits under it and says what the votes fall short of.
import { useActionState, useState } from 'react';

export type VoteFormState = { ok?: boolean; error?: string; params?: Record<string, string | number>; at?: number };
type Action = (prev: VoteFormState, formData: FormData) => Promise<VoteFormState>;

export type VoteFormLabels = {
  decision: string;
  approve: string;
  reject: string;
  voteFor: string;
  voteAgainst: string;
  voteAbstain: string;
  submit: string;
  confirm: string;
  rule: string;
};

export function VoteForm({ action, id, members, labels, errors, voteErrors }: { action: Action; id: number; members: number; labels: VoteFormLabels; errors: Record<string, string>; voteErrors: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<VoteFormState, FormData>(action, {});
  const [v, setV] = useState({ decision: 'approve', voteFor: '', voteAgainst: '', voteAbstain: '' });
  const params = state.params ?? {};
  const field = state.error ? String(params.field ?? '') : '';
  const message = state.error
    ? fill(state.error === 'council_vote' ? (voteErrors[String(params.reason)] ?? errors.council_vote ?? errors.generic) : (errors[state.error] ?? errors.generic), params)
    : null;
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.target.value });
  const known = ['decision', 'voteFor', 'voteAgainst', 'voteAbstain'].includes(field);
  const errorAt = (name: string) => (message && field === name ? <p id={`${name}-error`} className="mt-1 text-sm font-medium text-brand-800">{message}</p> : null);
  const described = (name: string) => (message && field === name ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {});
  const number = (name: 'voteFor' | 'voteAgainst' | 'voteAbstain') => (
    <div>
      <label htmlFor={name} className="label">{labels[name]}</label>
      <input id={name} name={name} type="number" inputMode="numeric" min={0} max={members} required className="field" value={v[name]} onChange={set(name)} {...described(name)} />
      {errorAt(name)}
    </div>
  );
  return (
    <form
      action={formAction}
      className="space-y-3"
      onSubmit={(e) => {
        if (!window.confirm(labels.confirm)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      {message && !known ? (
        <p role="alert" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800">{message}</p>
      ) : message ? (
        <p role="alert" className="sr-only">{message}</p>
      ) : null}
      <p className="text-sm text-stone-700">{labels.rule}</p>
      <fieldset className="flex flex-wrap gap-4" {...described('decision')}>
        <legend className="label">{labels.decision}</legend>
        <label className="flex items-center gap-2"><input type="radio" name="decision" value="approve" checked={v.decision === 'approve'} onChange={() => setV({ ...v, decision: 'approve' })} /> {labels.approve}</label>
        <label className="flex items-center gap-2"><input type="radio" name="decision" value="reject" checked={v.decision === 'reject'} onChange={() => setV({ ...v, decision: 'reject' })} /> {labels.reject}</label>
      </fieldset>
      {errorAt('decision')}
      <div className="grid gap-3 sm:grid-cols-3">
        {number('voteFor')}
        {number('voteAgainst')}
        {number('voteAbstain')}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>{labels.submit}</button>
    </form>
  );
}

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}
