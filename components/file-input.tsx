'use client';
// A file input that refuses a file over the size limit before anything is sent: the browser blocks the
// form with the message (setCustomValidity) and the message stays on screen beside the field.
import { useState, type InputHTMLAttributes } from 'react';

export function FileInput({ maxBytes, tooLargeText, ...props }: InputHTMLAttributes<HTMLInputElement> & { id: string; maxBytes: number; tooLargeText: string }) {
  const [error, setError] = useState('');
  const errorId = `${props.id}-size`;
  return (
    <>
      <input
        {...props}
        type="file"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : props['aria-describedby']}
        onChange={(e) => {
          const input = e.currentTarget;
          const tooLarge = Array.from(input.files ?? []).some((f) => f.size > maxBytes);
          input.setCustomValidity(tooLarge ? tooLargeText : '');
          setError(tooLarge ? tooLargeText : '');
          if (tooLarge) input.reportValidity();
          props.onChange?.(e);
        }}
      />
      {error ? <p id={errorId} role="alert" className="mt-1 text-sm font-medium text-brand-800">{error}</p> : null}
    </>
  );
}
