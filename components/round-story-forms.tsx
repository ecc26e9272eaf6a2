'use client';
// The round's story on its admin page: the account, the photo upload (alt text required) and removal.
// Each form shows a refusal next to its field (aria-invalid, aria-describedby) and keeps what was typed.
import { useActionState } from 'react';

export type StoryFormState = { ok?: boolean; error?: string; field?: string; values?: Record<string, string>; at?: number };
type Action = (prev: StoryFormState, form: FormData) => Promise<StoryFormState>;
type Messages = Record<string, string>;

function Alert({ state, messages, id }: { state: StoryFormState; messages: Messages; id: string }) {
  if (!state.error) return null;
  return (
    <p id={id} role="alert" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800">
      {messages[state.error] ?? messages.generic}
    </p>
  );
}

function Ok({ state, text }: { state: StoryFormState; text: string }) {
  return state.ok ? (
    <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
      {text}
    </p>
  ) : null;
}

export function StoryForm({ action, roundId, story, maxLength, labels, messages }: {
  action: Action;
  roundId: number;
  story: string;
  maxLength: number;
  labels: { story: string; hint: string; save: string; saved: string };
  messages: Messages;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const invalid = state.field === 'story';
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={roundId} />
      <label htmlFor="round-story" className="label">{labels.story}</label>
      <textarea
        // A new key after each answer re-applies the value: what was typed stays after a refusal.
        key={state.at ?? 0}
        id="round-story"
        name="story"
        rows={5}
        maxLength={maxLength}
        defaultValue={state.values?.story ?? story}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'round-story-error round-story-hint' : 'round-story-hint'}
        className="field"
      />
      <p id="round-story-hint" className="text-sm text-stone-600">{labels.hint}</p>
      <Alert state={state} messages={messages} id="round-story-error" />
      <Ok state={state} text={labels.saved} />
      <button type="submit" className="btn-primary" disabled={pending}>{labels.save}</button>
    </form>
  );
}

export function PhotoForm({ action, roundId, maxLength, labels, messages }: {
  action: Action;
  roundId: number;
  maxLength: number;
  labels: { photo: string; alt: string; altHint: string; upload: string; uploaded: string };
  messages: Messages;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={roundId} />
      <div>
        <label htmlFor="round-photo" className="label">{labels.photo}</label>
        <input
          id="round-photo"
          name="file"
          type="file"
          required
          accept=".jpg,.jpeg,.png,image/jpeg,image/png"
          aria-invalid={state.field === 'file' || undefined}
          aria-describedby={state.field === 'file' ? 'round-photo-error' : undefined}
          className="block w-full text-sm"
        />
      </div>
      <div>
        <label htmlFor="round-photo-alt" className="label">{labels.alt}</label>
        <input
          key={state.at ?? 0}
          id="round-photo-alt"
          name="alt"
          required
          maxLength={maxLength}
          defaultValue={state.values?.alt ?? ''}
          aria-invalid={state.field === 'alt' || undefined}
          aria-describedby={state.field === 'alt' ? 'round-photo-error round-photo-alt-hint' : 'round-photo-alt-hint'}
          className="field"
        />
        <p id="round-photo-alt-hint" className="text-sm text-stone-600">{labels.altHint}</p>
      </div>
      <Alert state={state} messages={messages} id="round-photo-error" />
      <Ok state={state} text={labels.uploaded} />
      <button type="submit" className="btn-primary" disabled={pending}>{labels.upload}</button>
    </form>
  );
}

export function RemovePhotoForm({ action, roundId, photoId, label, confirmText, messages }: {
  action: Action;
  roundId: number;
  photoId: number;
  label: string;
  confirmText: string;
  messages: Messages;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} onSubmit={(e) => { if (!window.confirm(confirmText)) e.preventDefault(); }}>
      <input type="hidden" name="id" value={roundId} />
      <input type="hidden" name="photo" value={photoId} />
      <Alert state={state} messages={messages} id={`photo-${photoId}-error`} />
      <button type="submit" className="btn-secondary" disabled={pending}>{label}</button>
    </form>
  );
}
