'use client';
// A form bound to a server action: shows the outcome in the user's language, asks for confirmation
// before irreversible steps, and disables itself while the action runs. Works without JavaScript too.
// A refusal never loses what was typed: React resets a form after its action, so the values sent (files
// too) are put back, and the field at fault gets its message next to it (aria-invalid, focused).
import { useActionState, useEffect, useLayoutEffect, useRef, useState } from 'react';

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
  submitAriaLabel,
}: {
  action: Action;
  submitLabel: string;
  confirmText?: string;
  okText?: string;
  errors: Record<string, string>;
  children?: React.ReactNode;
  className?: string;
  variant?: 'primary' | 'secondary';
  /** The button's accessible name when its visible label is short ("Gỡ" → "Gỡ tệp biên bản.pdf"). */
  submitAriaLabel?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, {});
  const formRef = useRef<HTMLFormElement>(null);
  const sent = useRef<FormData | null>(null);
  const [fieldLabel, setFieldLabel] = useState<string | null>(null);
  // A refusal found before sending (a file over its limit): nothing is sent.
  const [localError, setLocalError] = useState<string | null>(null);
  const message = localError ?? (state.error ? messageOf(state, errors, fieldLabel) : null);

  // The catalogue is read through a ref: a re-render of the page (another form saved) must not replay a
  // refusal over what the user typed since.
  const errorsRef = useRef(errors);
  useEffect(() => {
    errorsRef.current = errors;
  }, [errors]);
  // Before the browser paints: the refusal appears once, already naming its field (never a generic message first).
  useLayoutEffect(() => {
    const errors = errorsRef.current;
    const form = formRef.current;
    if (!form) return;
    clearFieldErrors(form);
    setFieldLabel(null);
    if (!state.error) return;
    if (sent.current) restoreValues(form, sent.current);
    const field = state.params?.field ? String(state.params.field) : '';
    const el = field ? fieldElement(form, field) : null;
    if (!el) return;
    const label = labelOf(form, el);
    setFieldLabel(label);
    showFieldError(el, messageOf(state, errors, label));
  }, [state]);

  return (
    <form
      ref={formRef}
      action={formAction}
      className={className}
      onSubmit={(e) => {
        const form = e.currentTarget;
        clearFieldErrors(form);
        setLocalError(null);
        // Files over their limit are refused here, before minutes of upload end in a refusal.
        for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[type="file"][data-max-bytes]'))) {
          const max = Number(input.dataset.maxBytes);
          const big = Array.from(input.files ?? []).find((f) => f.size > max);
          if (big) {
            e.preventDefault();
            const text = fill(errors.file_too_large ?? errors.invalid_file, { name: big.name, size: (big.size / 1048576).toFixed(1), max: Math.round(max / 1048576) });
            setLocalError(text);
            showFieldError(input, text);
            return;
          }
        }
        // A second button of the form (send, besides save) may ask its own question: data-confirm.
        const submitter = (e.nativeEvent as SubmitEvent).submitter;
        const question = submitter instanceof HTMLElement && submitter.dataset.confirm ? submitter.dataset.confirm : confirmText;
        if (question && !window.confirm(question)) {
          e.preventDefault();
          return;
        }
        sent.current = new FormData(e.currentTarget);
      }}
    >
      {message ? (
        <p role="alert" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800">
          {message}
          {state.error === 'session_expired' ? (
            <>
              {' '}
              <a href={`${loginPath()}?callbackUrl=${encodeURIComponent(location.pathname + location.search)}`} target="_blank" rel="noopener" className="underline">
                {errors.session_expired_link}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {state.ok && okText ? (
        <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
          {okText}
        </p>
      ) : null}
      {children}
      <button type="submit" className={variant === 'primary' ? 'btn-primary' : 'btn-secondary'} disabled={pending} aria-label={submitAriaLabel}>
        {submitLabel}
      </button>
    </form>
  );
}

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

function messageOf(state: ActionState, errors: Record<string, string>, fieldLabel: string | null): string {
  if (state.error === 'invalid_input' && fieldLabel && errors.invalid_field) return fill(errors.invalid_field, { field: fieldLabel });
  return fill(errors[state.error!] ?? errors.generic, state.params);
}

function loginPath(): string {
  const m = location.pathname.match(/^\/(en|ko)(\/|$)/);
  return m ? `/${m[1]}/login` : '/login';
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function fieldElement(form: HTMLFormElement, name: string): Field | null {
  const el = form.elements.namedItem(name) ?? form.elements.namedItem(`${name}[]`);
  if (!el) return null;
  if (el instanceof RadioNodeList) return (el[0] as Field | undefined) ?? null;
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? el : null;
}

function labelOf(form: HTMLFormElement, el: Field): string {
  const byFor = el.id ? form.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  return (byFor ?? el.closest('label') ?? el.closest('fieldset')?.querySelector('legend'))?.textContent?.trim() || el.name;
}

function showFieldError(el: Field, text: string) {
  const note = document.createElement('p');
  note.id = `${el.id || el.name}-error`;
  note.dataset.fieldError = '';
  note.className = 'mt-1 text-sm font-medium text-red-800';
  note.textContent = text;
  el.insertAdjacentElement('afterend', note);
  el.setAttribute('aria-invalid', 'true');
  el.dataset.describedby = el.getAttribute('aria-describedby') ?? '';
  el.setAttribute('aria-describedby', [el.dataset.describedby, note.id].filter(Boolean).join(' '));
  el.focus();
}

function clearFieldErrors(form: HTMLFormElement) {
  form.querySelectorAll('[data-field-error]').forEach((n) => n.remove());
  form.querySelectorAll<HTMLElement>('[aria-invalid="true"]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    if (el.dataset.describedby) el.setAttribute('aria-describedby', el.dataset.describedby);
    else el.removeAttribute('aria-describedby');
  });
}

/** Puts back what was sent: text, choices, and picked files. Hidden inputs keep their own values. */
function restoreValues(form: HTMLFormElement, data: FormData) {
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) || !el.name) continue;
    const values = data.getAll(el.name);
    if (el instanceof HTMLInputElement) {
      if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = values.some((v) => v === el.value);
        continue;
      }
      if (el.type === 'file') {
        const files = values.filter((v): v is File => v instanceof File && v.size > 0);
        if (files.length) {
          const dt = new DataTransfer();
          files.forEach((f) => dt.items.add(f));
          el.files = dt.files;
        }
        continue;
      }
    }
    if (el instanceof HTMLSelectElement && el.multiple) {
      for (const o of Array.from(el.options)) o.selected = values.includes(o.value);
      continue;
    }
    if (values.length && typeof values[0] === 'string') el.value = values[0];
  }
}
