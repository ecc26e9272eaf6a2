// An official Vietnamese term (award form, authority) in the page's language through the glossary
// (lib/i18n/glossary.json), with the Vietnamese kept beside it: "Certificate of Merit (Giấy khen)".
import { translateTerm } from '@/lib/glossary';

export function Term({ vi, locale }: { vi: string; locale: string }) {
  const translated = translateTerm(vi, locale);
  if (locale === 'vi') return <>{vi}</>;
  if (!translated) return <span lang="vi">{vi}</span>;
  return (
    <>
      {translated} <span lang="vi">({vi})</span>
    </>
  );
}

/** The same as plain text, for metadata and attributes. */
export function termText(vi: string, locale: string): string {
  const translated = translateTerm(vi, locale);
  return translated ? `${translated} (${vi})` : vi;
}
