'use client';
// Last resort when the root layout itself fails: no layout, no message catalogue, so the three languages
// are chosen from the path (the same prefixes as lib/i18n/routing: Vietnamese unprefixed).
import './globals.css';

const TEXT = {
  vi: { title: 'Đã có lỗi xảy ra', body: 'Hệ thống không xử lý được yêu cầu. Vui lòng thử lại.', retry: 'Thử lại', home: 'Về trang chủ', href: '/' },
  en: { title: 'Something went wrong', body: 'The system could not handle the request. Please try again.', retry: 'Try again', home: 'Home page', href: '/en' },
  ko: { title: '오류가 발생했습니다', body: '요청을 처리하지 못했습니다. 다시 시도해 주세요.', retry: '다시 시도', home: '홈으로', href: '/ko' },
} as const;

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const seg = typeof window === 'undefined' ? '' : window.location.pathname.split('/')[1];
  const lang = seg === 'en' || seg === 'ko' ? seg : 'vi';
  const t = TEXT[lang];
  return (
    <html lang={lang}>
      <body className="flex min-h-dvh items-center justify-center p-4">
        <main className="card max-w-md text-center">
          <h1 className="text-2xl font-bold text-brand-800">{t.title}</h1>
          <p className="mt-2">{t.body}</p>
          <p className="mt-4 flex flex-wrap justify-center gap-2">
            <button type="button" className="btn-primary" onClick={() => reset()}>{t.retry}</button>
            <a href={t.href} className="btn-secondary">{t.home}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
