// Public reads for pages and public APIs, kept per version of the public data (lib/memo.ts `publicMemo`):
// the one data cache. The version moves in the same transaction as a publish, a revocation, a unit rename
// or any other change to rounds, awards or units, in whatever process made it, so nothing here outlives a
// write. Rendered public pages are cached the same way, one level up (lib/page-cache-handler.mjs).
import 'server-only';
import { cache } from 'react';
import { publicMemo } from '@/lib/memo';
import { findByWords, fold } from '@/lib/text';
import {
  getPublicAward,
  getPublicStats,
  getPublicUnit,
  getPublishedRound,
  getSearchOptions,
  listHonouredUnitSlugs,
  listPublishedAwards,
  listPublishedRounds,
} from '@/lib/public';

export const cachedPublishedRounds = async () => listPublishedRounds();
export const cachedSearchOptions = async () => publicMemo('public:search-options', () => getSearchOptions());
export const cachedStats = async () => publicMemo('public:stats', () => getPublicStats());
export const cachedHonouredUnitSlugs = async () => publicMemo('public:unit-slugs', () => listHonouredUnitSlugs());

/** A published round and its honour roll, or null. An unknown slug costs one indexed read and is not kept. */
export async function cachedRound(slug: string) {
  return publicMemo(`public:round:${slug}`, async () => {
    const round = await getPublishedRound(slug);
    const awards = round ? await listPublishedAwards(slug) : null;
    return round && awards ? { round, awards } : null;
  });
}

/** A page of a unit's public honours, or null when the unit does not exist or the page is past the end. */
export async function cachedUnit(slug: string, page = 1) {
  return publicMemo(`public:unit:${slug}:${page}`, () => getPublicUnit(slug, page));
}

/** The verification record of an award: one primary-key read, shared by the page and its metadata; the
 * rendered page is what is cached (per version), and only when the award exists. */
export const publicAward = cache((id: string) => getPublicAward(id));

/** A round or a unit the public search filters by, as its combobox offers it (the slug is what the form sends). */
export type SearchChoice = { id: string; name: string; parentName: null };
export const SEARCH_CHOICE_FIELDS = ['round', 'unit'] as const;
export type SearchChoiceField = (typeof SEARCH_CHOICE_FIELDS)[number];
export const SEARCH_CHOICE_LIMIT = 20;

/** The search's rounds and units with their folded names, kept per version of the public data as the options are. */
const searchChoiceDirectory = async () =>
  publicMemo('public:search-choices', async () => {
    const options = await cachedSearchOptions();
    const entry = (id: string, name: string) => {
      const foldedName = fold(name);
      return { choice: { id, name, parentName: null } satisfies SearchChoice, foldedName, words: ` ${foldedName}` };
    };
    return { round: options.rounds.map((r) => entry(r.slug, r.title)), unit: options.units.map((u) => entry(u.slug, u.name)) };
  });

/** The search's rounds (newest first) or units whose name holds every word typed, folded (diacritics, đ/Đ), names
 * starting with the text first: what a filter's combobox offers. Public data only; an empty text finds nothing. */
export async function findSearchChoices(field: SearchChoiceField, q: string, limit = SEARCH_CHOICE_LIMIT): Promise<SearchChoice[]> {
  const dir = await searchChoiceDirectory();
  return findByWords(dir[field], fold(q), limit).map((e) => e.choice);
}

/** A round's or a unit's choice by its slug (the filter chosen before), or null. */
export async function getSearchChoice(field: SearchChoiceField, slug: string | null | undefined): Promise<SearchChoice | null> {
  if (!slug) return null;
  const dir = await searchChoiceDirectory();
  return dir[field].find((e) => e.choice.id === slug)?.choice ?? null;
}
