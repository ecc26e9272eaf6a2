// Scope in SQL: the sub-selects every scoped read uses for "inside a unit's subtree" (the same rule as
// inSubtree in lib/policy.ts) and "rounds run inside a subtree".
import 'server-only';
import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rounds, units } from '@/db/tables';

/** Ids of the units under `path` ("/1/4/"), the unit itself included. */
export function unitsUnder(path: string) {
  return getDb().select({ id: units.id }).from(units).where(unitPathUnder(path));
}

/** The condition on units.path itself (for queries that already join units). */
export function unitPathUnder(path: string): SQL {
  return pathUnder(units.path, path);
}

/**
 * `column` starts with `prefix`, as a range both engines scan on a plain index: prefix ≤ value < the
 * prefix with its last character moved one up ("/1/4/" → "/1/40"). Both compare bytes (SQLite's BINARY
 * collation; the PostgreSQL database is created with LC_COLLATE 'C'), paths hold only digits and slashes,
 * and unlike LIKE or GLOB the range needs no escaping and means the same on both.
 */
export function pathUnder(column: SQL.Aliased | AnyColumn, prefix: string): SQL {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return sql`(${column} >= ${prefix} AND ${column} < ${end})`;
}

/** Ids of the rounds run by a unit under `path`: what that unit's office acts on. */
export function roundsRunUnder(path: string) {
  return getDb().select({ id: rounds.id }).from(rounds).where(inArray(rounds.unitId, unitsUnder(path)));
}
