// Vietnamese text rules: store NFC, fold for search (case, diacritics and đ/Đ), sort with the vi collator.

// Lone UTF-16 surrogates (not text; SQLite would store U+FFFD) and invisible characters that have no
// place in names, summaries or file names: C0/C1 controls, bidi marks and overrides that disguise text
// ("Bien ban\u202Efdp.exe" shows as "…exe.pdf"), zero-width characters and joiners, soft hyphen,
// invisible fillers and operators, interlinear annotation marks and Unicode tag characters.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

function printable(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(INVISIBLE, '');
}

/** Normalise user text for storage: NFC, controls removed, trimmed, inner whitespace collapsed. */
export function clean(s: string): string {
  return printable(s).replace(/\s+/g, ' ').trim();
}

/** `clean` for multi-line text (criteria): keeps line breaks, normalises them to \n. */
export function cleanLines(s: string): string {
  return printable(s.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trimEnd())
    .join('\n')
    .trim();
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

/** The folded words of a staff search box, at most `max` (each is then matched inside the folded names). */
export function foldedWords(q: string | undefined, max = 8): string[] {
  return fold(q ?? '').split(' ').filter(Boolean).slice(0, max);
}

/** Whether `name`, folded, holds each of the folded `words` (foldedWords): a staff list's filter by name, in memory. */
export function hasFoldedWords(name: string, words: string[]): boolean {
  const folded = fold(name);
  return words.every((w) => folded.includes(w));
}

/**
 * One page of a list shown in memory, found by name (`q`: the names holding each folded word): the page (1-based, past
 * the end gives the last), how many names matched and the page count. Staff lists of a round's or a unit's size.
 */
export function pageByName<T extends { name: string }>(list: T[], q: string | undefined, page: number | undefined, size: number): { items: T[]; matching: number; page: number; pageCount: number } {
  const words = foldedWords(q);
  const matching = words.length ? list.filter((a) => hasFoldedWords(a.name, words)) : list;
  const pageCount = Math.max(1, Math.ceil(matching.length / size));
  const at = Math.min(Math.max(1, page ?? 1), pageCount);
  return { items: matching.slice((at - 1) * size, at * size), matching: matching.length, page: at, pageCount };
}

/** A name prepared for findByWords: folded, and its words (the folded name and any other names, each after a space). */
export type WordsEntry = { foldedName: string; words: string };

/**
 * The entries of an in-memory directory (in display order) whose `words` hold every word of the folded text `wanted`,
 * that `accept` lets through: names starting with the text first, then a word starting with it, then the rest, each
 * in the directory's order, at most `max`. The scan stops once `max` names start with the text (nothing can beat them).
 * The pickers that search as one types (staff units, the public search's rounds and units).
 */
export function findByWords<T extends WordsEntry>(list: Iterable<T>, wanted: string, max: number, accept: (e: T) => boolean = () => true): T[] {
  if (!wanted || max <= 0) return [];
  const words = wanted.split(' ');
  const wordStart = ` ${wanted}`;
  const ranks: T[][] = [[], [], []];
  scan: for (const e of list) {
    for (const w of words) if (!e.words.includes(w)) continue scan;
    if (!accept(e)) continue;
    ranks[e.foldedName.startsWith(wanted) ? 0 : e.words.includes(wordStart) ? 1 : 2].push(e);
    if (ranks[0].length >= max) break;
  }
  return ranks.flat().slice(0, max);
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
