// The [locale] layout renders <html>; this root only passes through.
import './globals.css';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
