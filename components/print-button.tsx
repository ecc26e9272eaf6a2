'use client';
// Opens the browser's print dialog (the page's print styles hide everything but the document).
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn-primary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
