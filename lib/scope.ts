// Scope in SQL: the sub-selects every scoped read uses for "inside a unit's subtree" (the same rule as
// inSubtree in lib/policy.ts) and "rounds run inside a subtree".
import 'server-only';
import { eq, exists, sql, type AnyColumn, type SQL } from 'drizzle-orm';
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

/**
 * Ids of the rounds run by a unit under `path`: what that unit's office acts on. A join, not
 * `unit_id IN (units under path)`: a nation's root office has 10,000 units under it, and SQLite built that
 * list on every query (2–3 ms each, several per staff page); the join reads the rounds and looks each
 * unit up by its key (0.4 ms).
 */
export function roundsRunUnder(path: string) {
  return getDb().select({ id: rounds.id }).from(rounds).innerJoin(units, eq(units.id, rounds.unitId)).where(unitPathUnder(path));
}

/** The unit in `unitColumn` (a unit id of the outer query's row) is under `path`: looked up by key, row by row. */
export function unitIsUnder(unitColumn: AnyColumn, path: string): SQL {
  return exists(getDb().select({ one: sql`1` }).from(units).where(sql`${units.id} = ${unitColumn} AND ${unitPathUnder(path)}`));
}
