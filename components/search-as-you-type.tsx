'use client';
// Progressive enhancement of the search form: with JavaScript, results follow the typing (after a pause)
// and the filters apply on change (a <select>'s, or a filter's combobox choosing: its hidden input), without a page
// load; without it, the form submits as usual.
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

export function SearchAsYouType({ formId }: { formId: string }) {
  const router = useRouter();
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = () => {
      const qs = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) qs.set(k, v);
      router.replace(`${new URL(form.action).pathname}?${qs}`, { scroll: false });
    };
    const onInput = (e: Event) => {
      // A combobox's text box only searches its own choices: the form changes when one is chosen.
      if (!(e.target instanceof HTMLInputElement) || e.target.getAttribute('role') === 'combobox') return;
      clearTimeout(timer);
      timer = setTimeout(go, 350);
    };
    const onChange = (e: Event) => {
      if (e.target instanceof HTMLSelectElement || (e.target instanceof HTMLInputElement && e.target.type === 'hidden')) go();
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onChange);
    return () => {
      clearTimeout(timer);
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onChange);
    };
  }, [formId, router]);
  return null;
}
