// Unit pickers of staff forms: one unit of the actor's scope, as a plain <select> while the scope is small
// (every district) and as a search-as-you-type combobox above that (a nation's 10,000 units made 2–4 MB pages).
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { units, UNIT_KINDS, type UnitKind } from '@/db/tables';
import { DomainError } from '@/lib/errors';
import { publicMemo } from '@/lib/memo';
import { inSubtree, isStaff, type Actor } from '@/lib/policy';
import { unitPathUnder } from '@/lib/scope';
import { compareVi, findByWords, fold } from '@/lib/text';
import { first, isRowId } from '@/db/query';

/** A unit as a picker shows it: its name, and its parent's to tell the many "Khu phố 1" apart. */
export type UnitOption = { id: number; name: string; parentName: string | null };

/** Up to this many units in scope a picker stays a <select>; more, and it searches as one types. A deployment may
 * set another bound (UNIT_SELECT_MAX in the environment: the e2e suite starts a server with 3 to use the search). */
export const UNIT_SELECT_MAX = /^\d{1,6}$/.test(process.env.UNIT_SELECT_MAX ?? '') ? Number(process.env.UNIT_SELECT_MAX) : 200;
/** Matches a search answers by default, and at most. */
export const UNIT_SEARCH_LIMIT = 20;
export const UNIT_SEARCH_MAX_LIMIT = 50;
export const UNIT_SEARCH_MAX_QUERY = 100;

/** What a unit search accepts (the route parses its query string with this). */
export const unitSearchInput = z.object({
  q: z.string().max(UNIT_SEARCH_MAX_QUERY).default(''),
  limit: z.coerce.number().int().min(1).max(UNIT_SEARCH_MAX_LIMIT).default(UNIT_SEARCH_LIMIT),
  kind: z.enum(UNIT_KINDS).optional(),
  /** A unit left out with its subtree (a unit cannot move under itself). */
  exclude: z.coerce.number().int().positive().optional(),
  /** Only this unit and its subtree (a round's quota binds a unit of the round's own subtree). */
  under: z.coerce.number().int().positive().optional(),
});
export type UnitSearchFilter = { kind?: UnitKind; exclude?: number; under?: number };

/** Whether a picker over `count` units in scope searches instead of listing them. */
export function pickerSearches(count: number): boolean {
  return count > UNIT_SELECT_MAX;
}

/** `words`: the folded name and short name, each word after a space (" phuong tan phong tan phong"). */
type DirectoryUnit = { id: number; name: string; parentId: number | null; path: string; kind: UnitKind; active: boolean; depth: number; foldedName: string; words: string };
type Directory = { list: DirectoryUnit[]; byId: Map<number, DirectoryUnit> };

/**
 * Every unit with its folded names, shallowest first and then by name: built once per version of the public
 * data (a trigger moves it with any change to units, in any process — lib/memo.ts), so a keystroke scans
 * 10,000 short strings in memory instead of reading and folding the table. Unit names are public (the
 * public unit pages); scope is applied per actor on every read below.
 */
async function unitDirectory(): Promise<Directory> {
  return publicMemo('unit-directory', async () => {
    const rows = await getDb()
      .select({ id: units.id, name: units.name, shortName: units.shortName, parentId: units.parentId, path: units.path, kind: units.kind, active: units.active })
      .from(units);
    const list = rows
      .map(({ shortName, ...u }) => {
        const foldedName = fold(u.name);
        return { ...u, depth: u.path.split('/').length, foldedName, words: ` ${foldedName}${shortName ? ` ${fold(shortName)}` : ''}` };
      })
      .sort((a, b) => a.depth - b.depth || compareVi(a.name, b.name) || a.id - b.id);
    return { list, byId: new Map(list.map((u) => [u.id, u])) };
  });
}

function option(actor: Actor, dir: Directory, u: DirectoryUnit): UnitOption {
  const parent = u.parentId ? dir.byId.get(u.parentId) : undefined;
  // The parent's name only when it is in scope too: a search never names a unit outside it.
  return { id: u.id, name: u.name, parentName: parent && inSubtree(parent.path, actor.unitPath) ? parent.name : null };
}

function pickable(actor: Actor, u: DirectoryUnit, filter: UnitSearchFilter, excludedPath: string | null, underPath: string | null): boolean {
  return (
    u.active &&
    inSubtree(u.path, actor.unitPath) &&
    (!filter.kind || u.kind === filter.kind) &&
    !(excludedPath && inSubtree(u.path, excludedPath)) &&
    (!filter.under || (!!underPath && inSubtree(u.path, underPath)))
  );
}

/**
 * Active units of the actor's subtree whose name (or short name) holds every word typed, folded (case,
 * diacritics, đ/Đ): names starting with the text first, then a word starting with it, then the rest;
 * shallower units first within each. Staff only; an empty query finds nothing.
 */
export async function searchUnitOptions(actor: Actor | null, q: string, limit = UNIT_SEARCH_LIMIT, filter: UnitSearchFilter = {}): Promise<UnitOption[]> {
  if (!isStaff(actor)) throw new DomainError('forbidden');
  if (q.length > UNIT_SEARCH_MAX_QUERY) throw new DomainError('invalid_input', { field: 'q' });
  const wanted = fold(q);
  if (!wanted) return [];
  const max = Math.min(Math.max(Math.trunc(limit) || UNIT_SEARCH_LIMIT, 1), UNIT_SEARCH_MAX_LIMIT);
  const dir = await unitDirectory();
  const excluded = filter.exclude ? dir.byId.get(filter.exclude) : undefined;
  const excludedPath = excluded && inSubtree(excluded.path, actor.unitPath) ? excluded.path : null;
  // A unit to search under: its path (none outside the directory: nothing is found then).
  const underPath = filter.under ? (dir.byId.get(filter.under)?.path ?? null) : null;
  return findByWords(dir.list, wanted, max, (u) => pickable(actor, u, filter, excludedPath, underPath)).map((u) => option(actor, dir, u));
}

/** One active unit of the actor's subtree as a picker shows it (the current choice), or null: two reads by
 * key, so a page that renders a combobox never builds the search directory. */
export async function getUnitOption(actor: Actor | null, id: number | null | undefined, filter: UnitSearchFilter = {}): Promise<UnitOption | null> {
  if (!isStaff(actor) || !isRowId(id)) return null;
  const db = getDb();
  const u = await first(db.select({ id: units.id, name: units.name, parentId: units.parentId, path: units.path, kind: units.kind, active: units.active }).from(units).where(eq(units.id, id)));
  if (!u || !u.active || !inSubtree(u.path, actor.unitPath) || (filter.kind && u.kind !== filter.kind)) return null;
  if (filter.under) {
    const under = await first(db.select({ path: units.path }).from(units).where(eq(units.id, filter.under)));
    if (!under || !inSubtree(u.path, under.path)) return null;
  }
  const parent = u.parentId ? await first(db.select({ name: units.name, path: units.path }).from(units).where(eq(units.id, u.parentId))) : undefined;
  return { id: u.id, name: u.name, parentName: parent && inSubtree(parent.path, actor.unitPath) ? parent.name : null };
}

/** How many active units of the actor's subtree there are, counted no further than `cap`. */
export async function countUnitsInScope(actor: Actor | null, filter: { kind?: UnitKind } = {}, cap = UNIT_SELECT_MAX + 1): Promise<number> {
  if (!isStaff(actor)) return 0;
  const where = and(unitPathUnder(actor.unitPath), eq(units.active, true), filter.kind ? eq(units.kind, filter.kind) : undefined);
  return (await getDb().select({ id: units.id }).from(units).where(where).limit(cap)).length;
}

/** How a page renders a unit picker: a <select> (the page lists the options as before), or a combobox
 * pre-filled with the current choice — the first of `candidates` that is pickable — and the filter its
 * searches apply. */
export type UnitPickerMode = { search: false } | { search: true; selected: UnitOption | null; filter: UnitSearchFilter };

export async function unitPickerMode(actor: Actor | null, candidates: Array<number | null | undefined>, filter: UnitSearchFilter = {}): Promise<UnitPickerMode> {
  if (!pickerSearches(await countUnitsInScope(actor, { kind: filter.kind }))) return { search: false };
  for (const id of candidates) {
    const selected = await getUnitOption(actor, id, filter);
    if (selected) return { search: true, selected, filter };
  }
  return { search: true, selected: null, filter };
}
