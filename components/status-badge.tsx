// A status badge coloured by meaning: returned and rejected stand out (red), approved reads as done (green),
// waiting states are calm. The word is always there too: colour is never the only signal.
const TONE: Record<string, string> = {
  draft: 'bg-stone-200 text-stone-800',
  submitted: 'bg-sky-100 text-sky-900',
  returned: 'bg-red-700 text-white ring-2 ring-red-200',
  checked: 'bg-indigo-100 text-indigo-900',
  approved: 'bg-emerald-700 text-white',
  rejected: 'bg-red-100 text-red-900 ring-1 ring-red-700',
  open: 'bg-emerald-100 text-emerald-900',
  reviewing: 'bg-sky-100 text-sky-900',
  decided: 'bg-indigo-100 text-indigo-900',
  published: 'bg-emerald-700 text-white',
  archived: 'bg-stone-200 text-stone-800',
};

export function StatusBadge({ status, label, testId }: { status: string; label: string; testId?: string }) {
  return (
    <span className={`badge ${TONE[status] ?? 'bg-stone-200 text-stone-800'}`} data-status={status} data-testid={testId}>
      {label}
    </span>
  );
}
