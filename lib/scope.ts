// Scope in SQL: the sub-selects every scoped read uses for "inside a unit's subtree" (the same rule as
// inSubtree in lib/policy.ts) and "rounds run inside a subtree".
import 'server-only';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rounds, units } from '@/db/tables';

/** Ids of the units under `path` ("/1/4/"), the unit itself included. GLOB (case-sensitive, unlike LIKE)
 * lets SQLite range-scan the units_path index; paths hold only digits and slashes, so no GLOB
 * metacharacter can slip in. */
export function unitsUnder(path: string) {
  return getDb().select({ id: units.id }).from(units).where(unitPathUnder(path));
}

/** The condition on units.path itself (for queries that already join units). */
export function unitPathUnder(path: string): SQL {
  return sql`${units.path} GLOB ${`${path}*`}`;
}

/** Ids of the rounds run by a unit under `path`: what that unit's office acts on. */
export function roundsRunUnder(path: string) {
  return getDb().select({ id: rounds.id }).from(rounds).where(inArray(rounds.unitId, unitsUnder(path)));
}
