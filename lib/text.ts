// Vietnamese text rules: store NFC, fold for search (case, diacritics and đ/Đ), sort with the vi collator.

/** Normalise user text for storage: NFC, trimmed, inner whitespace collapsed. */
export function clean(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lower case without diacritics; đ/Đ become d (Unicode decomposition leaves đ alone). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

/** URL slug from Vietnamese text: "Phường Tân Thuận Đông" → "phuong-tan-thuan-dong". */
export function slugify(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
