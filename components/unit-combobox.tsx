'use client';
// Search-as-you-type picker (the ARIA combobox pattern with a listbox popup): the text box searches the units of
// the actor's scope (/api/units/search), or another list (`endpoint`: the public search's rounds and units), the
// hidden input carries the chosen item's id under the form's field name. Without JavaScript the hidden input still
// sends the item chosen before.
import { useEffect, useRef, useState } from 'react';
import type { UnitOption } from '@/lib/unit-picker';

/** What the picker lists: an id the form sends, a name, and a parent's name to tell alike names apart. */
export type ComboOption = { id: number | string; name: string; parentName: string | null };

export type UnitComboboxLabels = { placeholder: string; hint: string; loading: string; results: string; noMatch: string; error: string; within: string };

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

export function UnitCombobox<T extends ComboOption = UnitOption>({
  id,
  name,
  label,
  selected,
  query,
  labels,
  onChange,
  endpoint = '/api/units/search',
  clearable = false,
}: {
  id: string;
  name: string;
  label: string;
  selected: T | null;
  /** Extra parameters of every search (kind, exclude). */
  query: Record<string, string>;
  labels: UnitComboboxLabels;
  /** Told of each choice (a form that shows more for the chosen unit). */
  onChange?: (unit: T) => void;
  /** Where the matches come from (`?q=` and `query` are added): JSON `{ items }`. */
  endpoint?: string;
  /** An emptied text box chooses nothing (a filter's "all"); otherwise it returns to the item chosen. */
  clearable?: boolean;
}) {
  const [chosen, setChosen] = useState(selected);
  const [text, setText] = useState(selected?.name ?? '');
  const [items, setItems] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = `${id}-listbox`;
  const hintId = `${id}-hint`;
  const optionId = (u: T) => `${id}-option-${u.id}`;

  const cancel = () => {
    clearTimeout(timer.current);
    request.current?.abort();
    request.current = null;
  };
  useEffect(() => cancel, []);

  // A choice is a change of the form, as a <select>'s is: the hidden input tells the form once it holds the new id
  // (components/search-as-you-type applies a filter on change). Not for the choice the page came with.
  const hidden = useRef<HTMLInputElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    hidden.current?.dispatchEvent(new Event('change', { bubbles: true }));
  }, [chosen]);

  // The active option stays in view while the arrow keys move through a scrolled list.
  useEffect(() => {
    if (active < 0 || !open) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active, open]);

  function search(q: string) {
    cancel();
    if (!q.trim()) {
      setItems([]);
      setActive(-1);
      setOpen(false);
      setStatus('idle');
      return;
    }
    setOpen(true);
    setStatus('loading');
    // After a pause in the typing: one request per word, not per letter.
    timer.current = setTimeout(() => void fetchMatches(q), 200);
  }

  async function fetchMatches(q: string) {
    const controller = new AbortController();
    request.current = controller;
    try {
      const res = await fetch(`${endpoint}?${new URLSearchParams({ ...query, q })}`, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { items: T[] };
      setItems(body.items);
      setActive(body.items.length ? 0 : -1);
      setStatus('done');
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setItems([]);
      setActive(-1);
      setStatus('error');
    }
  }

  function choose(u: T) {
    cancel();
    setChosen(u);
    onChange?.(u);
    setText(u.name);
    setItems([]);
    setActive(-1);
    setOpen(false);
    setStatus('idle');
  }

  /** Back to the unit chosen: the text box never shows a name other than the one the form sends. */
  function revert() {
    cancel();
    // A filter's emptied box is "all" (`clearable`); otherwise the box shows the item chosen again.
    const cleared = clearable && !text.trim();
    if (cleared && chosen) setChosen(null);
    setText(cleared ? '' : (chosen?.name ?? ''));
    setOpen(false);
    setActive(-1);
    setStatus('idle');
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) {
          if (items.length) setOpen(true);
          else if (text.trim()) search(text);
          return;
        }
        if (items.length) setActive((a) => (a + 1) % items.length);
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (open && items.length) setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
        return;
      case 'Enter':
        // With the list open, Enter picks; with it closed, it submits the form as a select would.
        if (open) {
          e.preventDefault();
          if (active >= 0 && items[active]) choose(items[active]);
        } else if (clearable && !text.trim()) {
          // "All": the form then applies the emptied filter (a change), as choosing "all" in a <select> would.
          e.preventDefault();
          if (chosen) setChosen(null);
        } else if (text !== (chosen?.name ?? '')) {
          setText(chosen?.name ?? '');
        }
        return;
      case 'Escape':
        if (open || text !== (chosen?.name ?? '')) {
          e.preventDefault();
          revert();
        }
        return;
    }
  }

  const message =
    !open ? '' : status === 'loading' ? labels.loading : status === 'error' ? labels.error : status === 'done' ? (items.length ? fill(labels.results, { count: items.length }) : labels.noMatch) : '';
  const visibleMessage = open && (status === 'loading' || status === 'error' || (status === 'done' && items.length === 0));

  return (
    <>
      {/* The hidden input inside the label: a refusal of the field names it by this label (components/action-form). */}
      <label htmlFor={id} className="label">
        {label}
        <input ref={hidden} type="hidden" name={name} value={chosen?.id ?? ''} />
      </label>
      <div className="relative">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open && items.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 && items[active] ? optionId(items[active]) : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          placeholder={labels.placeholder}
          className="field"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            search(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={revert}
        />
        <p id={hintId} className="sr-only">{labels.hint}</p>
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label={label}
          hidden={!open || items.length === 0}
          className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-md border border-stone-300 bg-white py-1 shadow-lg"
          // A click on an option must not blur the text box first (the blur would close the list).
          onMouseDown={(e) => e.preventDefault()}
        >
          {items.map((u, i) => (
            <li
              key={u.id}
              id={optionId(u)}
              role="option"
              aria-selected={i === active}
              data-index={i}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-brand-100 text-brand-800' : ''}`}
              onClick={() => choose(u)}
              onMouseMove={() => setActive(i)}
            >
              {u.name}
              {u.parentName ? ' ' : null}
              {u.parentName ? <span className="block text-xs text-stone-600">{fill(labels.within, { parent: u.parentName })}</span> : null}
            </li>
          ))}
        </ul>
        <p role="status" aria-live="polite" className={visibleMessage ? 'mt-1 text-sm text-stone-700' : 'sr-only'}>{message}</p>
      </div>
    </>
  );
}
