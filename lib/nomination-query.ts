// The nominations list's URL query (page and XLSX export alike): anything malformed is dropped, never an error.
import { z } from 'zod';
import { NOMINATION_STATUSES, NOMINEE_KINDS } from '@/db/tables';
import { NOMINATION_SORTS } from '@/lib/nomination-sorts';

export const nominationQuerySchema = z.object({
  round: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(NOMINATION_STATUSES).optional().catch(undefined),
  kind: z.enum(NOMINEE_KINDS).optional().catch(undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  sort: z.enum(NOMINATION_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
  before: z.coerce.number().int().min(0).optional().catch(undefined),
});

export type NominationQuery = z.infer<typeof nominationQuerySchema>;

export function parseNominationQuery(raw: Record<string, string | string[] | undefined> | URLSearchParams): NominationQuery {
  const get = (k: string) => {
    const v = raw instanceof URLSearchParams ? (raw.get(k) ?? undefined) : raw[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return nominationQuerySchema.parse(Object.fromEntries(Object.keys(nominationQuerySchema.shape).map((k) => [k, get(k)])));
}

/** The same list as a query string (empty values left out), for links and the export. */
export function nominationQueryString(q: Partial<NominationQuery>): string {
  return new URLSearchParams(Object.entries(q).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)])).toString();
}
