// Public reads for pages and public APIs, kept per version of the public data (lib/memo.ts `publicMemo`):
// the one data cache. The version moves in the same transaction as a publish, a revocation, a unit rename
// or any other change to rounds, awards or units, in whatever process made it, so nothing here outlives a
// write. Rendered public pages are cached the same way, one level up (lib/page-cache-handler.mjs).
import 'server-only';
import { cache } from 'react';
import { publicMemo } from '@/lib/memo';
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
