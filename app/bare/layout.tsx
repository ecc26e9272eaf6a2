// The reference for first-load JavaScript: a bare static Next.js page (no i18n, no client component).
export const metadata = { title: 'bare', robots: { index: false, follow: false } };

export default function BareLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
