// Search parameters from a URL (page and JSON API alike): anything malformed is dropped, never an error.
import { MAX_QUERY_LENGTH, type SearchFilters } from '@/lib/search-index';

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

export type SearchParams = { q: string; filters: SearchFilters; page: number };

export function parseSearchParams(raw: Raw): SearchParams {
  const get = (k: string) => {
    const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const slug = (v: string) => (/^[a-z0-9-]{1,120}$/.test(v) ? v : null);
  const year = /^\d{4}$/.test(get('year')) ? Number(get('year')) : null;
  const kind = get('kind');
  const page = /^\d{1,6}$/.test(get('page')) ? Number(get('page')) : 1;
  return {
    q: get('q').slice(0, MAX_QUERY_LENGTH),
    filters: {
      round: slug(get('round')),
      year,
      unit: slug(get('unit')),
      kind: kind === 'collective' || kind === 'individual' ? kind : null,
    },
    page: Math.max(1, page),
  };
}
