'use client';
// The sign-in form: works without JavaScript; with it, the error shows without a reload.
import { useActionState } from 'react';
import { login, type LoginState } from '@/app/[locale]/login/actions';

/** `limited` holds `{minutes}`. */
type Labels = { username: string; password: string; submit: string; invalid: string; missing: string; limited: string };

export function LoginForm({ locale, labels, callbackUrl }: { locale: string; labels: Labels; callbackUrl?: string | null }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {});
  const message = state.error ? labels[state.error].replace('{minutes}', String(state.minutes ?? 15)) : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {message ? (
        <p role="alert" id="login-error" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800">
          {message}
        </p>
      ) : null}
      <div>
        <label htmlFor="username" className="label">{labels.username}</label>
        <input id="username" name="username" className="field" autoComplete="username" autoCapitalize="none" spellCheck={false} required defaultValue={state.username ?? ''} aria-describedby={message ? 'login-error' : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="label">{labels.password}</label>
        <input id="password" name="password" type="password" className="field" autoComplete="current-password" required aria-describedby={message ? 'login-error' : undefined} />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {labels.submit}
      </button>
    </form>
  );
}
