'use client';
// A "select all" checkbox for a list of checkboxes sharing a name in the same form (keyboard and screen
// readers use it as any checkbox; it shows "mixed" when only some are ticked).
import { useEffect, useRef } from 'react';

export function SelectAll({ name, label }: { name: string; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const boxes = () => Array.from(ref.current?.form?.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]:not(:disabled)`) ?? []);
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const sync = () => {
      const all = boxes();
      const on = all.filter((b) => b.checked).length;
      if (!ref.current) return;
      ref.current.checked = all.length > 0 && on === all.length;
      ref.current.indeterminate = on > 0 && on < all.length;
    };
    form.addEventListener('change', sync);
    form.addEventListener('reset', () => setTimeout(sync));
    return () => form.removeEventListener('change', sync);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <label className="inline-flex items-center gap-2">
      <input
        ref={ref}
        type="checkbox"
        onChange={(e) => {
          for (const b of boxes()) b.checked = e.currentTarget.checked;
        }}
      />
      {label}
    </label>
  );
}
