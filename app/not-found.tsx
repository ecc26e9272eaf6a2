// Outside any locale (e.g. a path with a file extension): a plain Vietnamese not-found page.
import Link from 'next/link';
import './globals.css';

export default function GlobalNotFound() {
  return (
    <html lang="vi">
      <body className="flex min-h-dvh items-center justify-center p-4">
        <main className="card max-w-md text-center">
          <h1 className="text-2xl font-bold text-brand-800">Không tìm thấy trang</h1>
          <p className="mt-2">
            <Link href="/">Về trang chủ</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
