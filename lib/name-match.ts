// Matching names from a paper decision against the registry. Pure: no database.
// An exact match (the same name as stored, in the same unit) is linked; a near match — the same unit
// and the same name once case, diacritics (đ too), spacing and the order of the name's words are set
// aside — is only offered, for a person to choose; nothing is ever merged silently.
import { clean, fold } from '@/lib/text';

export type Candidate = { id: number; name: string; unitId: number };
export type Match = { exact: number | null; near: number[] };

/** Same letters, same words, any order: "Nguyễn Văn Đức" ~ "nguyen  van DUC" ~ "Đức Nguyễn Văn". */
export function nearKey(name: string): string {
  return fold(name).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean).sort().join(' ');
}

/** Indexes the registry once, then matches each name in O(1). */
export function nameMatcher(registry: Candidate[]): (name: string, unitId: number) => Match {
  const exact = new Map<string, number>();
  const near = new Map<string, number[]>();
  for (const c of registry) {
    const e = `${c.unitId}|${clean(c.name)}`;
    if (!exact.has(e)) exact.set(e, c.id);
    const n = `${c.unitId}|${nearKey(c.name)}`;
    near.set(n, [...(near.get(n) ?? []), c.id]);
  }
  return (name, unitId) => {
    const hit = exact.get(`${unitId}|${clean(name)}`) ?? null;
    if (hit !== null) return { exact: hit, near: [] };
    return { exact: null, near: near.get(`${unitId}|${nearKey(name)}`) ?? [] };
  };
}
