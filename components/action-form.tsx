'use client';
// A form bound to a server action: shows the outcome in the user's language, asks for confirmation
// before irreversible steps, and disables itself while the action runs. Works without JavaScript too.
import { useActionState } from 'react';

export type ActionState = { ok?: boolean; error?: string; params?: Record<string, string | number>; at?: number };
type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function ActionForm({
  action,
  submitLabel,
  confirmText,
  okText,
  errors,
  children,
  className = 'space-y-3',
  variant = 'primary',
}: {
  action: Action;
  submitLabel: string;
  confirmText?: string;
  okText?: string;
  errors: Record<string, string>;
  children?: React.ReactNode;
  className?: string;
  variant?: 'primary' | 'secondary';
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, {});
  const message = state.error ? fill(errors[state.error] ?? errors.generic, state.params) : null;
  return (
    <form
      action={formAction}
      className={className}
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
    >
      {message ? (
        <p role="alert" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800">
          {message}
        </p>
      ) : null}
      {state.ok && okText ? (
        <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
          {okText}
        </p>
      ) : null}
      {children}
      <button type="submit" className={variant === 'primary' ? 'btn-primary' : 'btn-secondary'} disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}
