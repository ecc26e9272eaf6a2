// Official terms in English and Korean (award forms, titles, authorities), read from lib/i18n/glossary.json:
// the law's vocabulary is data, so a deployment adds its own terms there, not in the pages.
import glossary from '@/lib/i18n/glossary.json';

type Entry = { vi: string[]; en: string; ko: string };
type Target = 'en' | 'ko';

const MAX_DEPTH = 3;

/** Vietnamese text as a glossary key: NFC, one space, lower case, the old tone placement "uỷ" as "ủy". */
function key(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi').replace(/uỷ/g, 'ủy');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Rule = { pattern: RegExp; entry: Entry };

function compile(entries: Entry[]): Rule[] {
  return entries.flatMap((entry) =>
    entry.vi.map((vi) => ({ entry, pattern: new RegExp(`^${key(vi).split('{x}').map(escape).join('(.+)')}$`, 'u') })),
  );
}

const RULES = compile((glossary as { terms: Entry[] }).terms);

function lookup(text: string, locale: Target, rules: Rule[], depth: number): string | null {
  const k = key(text);
  for (const { pattern, entry } of rules) {
    const m = pattern.exec(k);
    if (!m) continue;
    if (m.length === 1) return entry[locale];
    // The slot keeps the original spelling (case, diacritics) of the text it stands for.
    const original = slotOf(text, m[1]);
    const inner = depth < MAX_DEPTH ? lookup(original, locale, rules, depth + 1) : null;
    return entry[locale].replace('{x}', inner ?? original);
  }
  return null;
}

/** The part of `text` whose key is `slotKey` (the key lower-cases; the slot is its tail or middle in the original). */
function slotOf(text: string, slotKey: string): string {
  const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const at = key(t).lastIndexOf(slotKey);
  return at >= 0 ? t.slice(at, at + slotKey.length) : slotKey;
}

/** The English or Korean for an official Vietnamese term, or null (Vietnamese pages, or a term not in the glossary). */
export function translateTerm(text: string, locale: string, entries?: Entry[]): string | null {
  if (locale !== 'en' && locale !== 'ko') return null;
  if (!text.trim()) return null;
  return lookup(text, locale, entries ? compile(entries) : RULES, 0);
}
