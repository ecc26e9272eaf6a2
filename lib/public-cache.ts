// Cached public reads for pages and public APIs. The pages render per request (per-request nonces), but the
// data behind them changes only when a round is published or an award revoked: those server actions call
// `refreshPublicData()`, which expires the `public` tag at once. The hour is a safety net (unit renames).
import 'server-only';
import { randomUUID } from 'node:crypto';
import { cache } from 'react';
import { unstable_cache, updateTag } from 'next/cache';
import { memoUntilWrite } from '@/lib/memo';
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

export const PUBLIC_TAG = 'public';
const options = { tags: [PUBLIC_TAG], revalidate: 3600 };
// Next keeps this data cache on disk (.next/cache) across restarts, but the database may have been replaced
// meanwhile (a fresh e2e database, a restored backup): every server process starts with keys of its own.
const BOOT = randomUUID();

export const cachedPublishedRounds = unstable_cache(async () => listPublishedRounds(), ['public-rounds', BOOT], options);
export const cachedSearchOptions = unstable_cache(async () => getSearchOptions(), ['public-search-options', BOOT], options);
export const cachedStats = unstable_cache(async () => getPublicStats(), ['public-stats', BOOT], options);
export const cachedHonouredUnitSlugs = unstable_cache(async () => listHonouredUnitSlugs(), ['public-unit-slugs', BOOT], options);

const roundWithAwards = unstable_cache(
  async (slug: string) => {
    const round = getPublishedRound(slug);
    const awards = round ? listPublishedAwards(slug) : null;
    return round && awards ? { round, awards } : null;
  },
  ['public-round', BOOT],
  options,
);
const unitHonours = unstable_cache(async (slug: string) => getPublicUnit(slug), ['public-unit', BOOT], options);

// Only keys that exist reach the per-key caches, so random URLs cannot fill the cache.

/** A published round and its honour roll, or null. */
export async function cachedRound(slug: string) {
  if (!(await inProcess('public-rounds', cachedPublishedRounds)).some((r) => r.slug === slug)) return null;
  return inProcess(`public-round:${slug}`, () => roundWithAwards(slug));
}

/**
 * The cached value kept in this process too, until the next write to the database (lib/memo.ts): Next's
 * data cache hands out a fresh copy on every read, which for a roll of hundreds of entries costs more
 * than rendering it. A publish or a revocation is a write, so it expires this copy with the tag's.
 */
function inProcess<T>(key: string, read: () => Promise<T>): Promise<T> {
  return memoUntilWrite(`public-cache:${key}`, read);
}

/** A unit's public honours, or null when the unit has none (or does not exist). */
export async function cachedUnit(slug: string) {
  if (!(await cachedHonouredUnitSlugs()).includes(slug)) return null;
  return unitHonours(slug);
}

/** The verification record of an award: one primary-key read, deduplicated per request but not kept across
 * requests — 2^64 possible ids would make an unbounded cache, and a revocation must show at once. */
export const publicAward = cache((id: string) => getPublicAward(id));

/** After a publish or a revocation has committed: public pages show it on their next request. */
export function refreshPublicData(): void {
  updateTag(PUBLIC_TAG);
}
