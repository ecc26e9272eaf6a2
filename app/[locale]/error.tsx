'use client';
// The app's own error page (instead of the framework's English one), in the user's language. Nothing the
// user typed into a form is lost by a reload: "Thử lại" re-renders the page without leaving it.
import { useEffect } from 'react';
import { useErrorText } from '@/components/error-text';

const FALLBACK = { title: 'Đã có lỗi xảy ra', body: 'Hệ thống không xử lý được yêu cầu. Vui lòng thử lại.', retry: 'Thử lại', home: 'Về trang chủ', homeHref: '/', reference: 'Mã tham chiếu: {digest}' };

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useErrorText() ?? FALLBACK;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card mx-auto max-w-lg text-center" data-testid="app-error">
      <h1 className="text-2xl font-bold text-brand-800">{t.title}</h1>
      <p className="mt-2 text-stone-700">{t.body}</p>
      {error.digest ? <p className="mt-2 text-xs text-stone-600">{t.reference.replace('{digest}', error.digest)}</p> : null}
      <p className="mt-4 flex flex-wrap justify-center gap-2">
        <button type="button" className="btn-primary" onClick={() => reset()}>{t.retry}</button>
        <a href={t.homeHref} className="btn-secondary">{t.home}</a>
      </p>
    </div>
  );
}
