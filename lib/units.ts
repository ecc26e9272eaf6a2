// The unit tree (admins): create, rename (the old name kept in history), move, deactivate, and merge
// wards as in the 2025 reform. Units are never deleted; past decisions keep the names of their day. A rename,
// move or merge that would change an entry of a signed-off list still in review is refused (lib/final-list).
import 'server-only';
import { and, asc, count, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { collectives, individuals, unitNames, units, users, UNIT_KINDS, type UnitKind } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { refuseIfFrozenListChanged } from '@/lib/final-list';
import { DomainError } from '@/lib/errors';
import { hasRole, inSubtree, pathIds, type Actor } from '@/lib/policy';
import { unitPathUnder } from '@/lib/scope';
import { refreshSearchFacets } from '@/lib/search-index';
import { clean, slugify } from '@/lib/text';
import { write } from '@/lib/workflow';
import { changed, first, isRowId } from '@/db/query';

function requireAdmin(actor: Actor | null): asserts actor is Actor {
  if (!hasRole(actor, 'admin')) throw new DomainError('forbidden');
}

/** An admin manages the units of their own unit's subtree: any other reads as not found. */
async function requireUnitsInScope(actor: Actor, ...ids: Array<number | null>): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.some((id) => id === null || !isRowId(id))) throw new DomainError('not_found');
  const rows = await getDb().select({ path: units.path }).from(units).where(inArray(units.id, wanted as number[]));
  if (rows.length !== wanted.length || rows.some((u) => !inSubtree(u.path, actor.unitPath))) throw new DomainError('not_found');
}

export type UnitRow = { id: number; name: string; shortName: string | null; kind: UnitKind; parentId: number | null; depth: number; active: boolean; mergedIntoId: number | null };

/** The units of the admin's subtree, by path. `under`: only that unit's subtree (a unit of the admin's, else
 * not found); `kind`, `activeOnly`, `limit`: fewer rows (a nation's wards, counted no further than a page shows). */
export async function listUnits(actor: Actor | null, opts: { under?: number; kind?: UnitKind; activeOnly?: boolean; limit?: number } = {}): Promise<UnitRow[]> {
  requireAdmin(actor);
  const db = getDb();
  let path = actor.unitPath;
  if (opts.under !== undefined) {
    const root = isRowId(opts.under) ? await first(db.select({ path: units.path }).from(units).where(eq(units.id, opts.under))) : undefined;
    if (!root || !inSubtree(root.path, actor.unitPath)) throw new DomainError('not_found');
    path = root.path;
  }
  const query = db
    .select({ id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, parentId: units.parentId, path: units.path, active: units.active, mergedIntoId: units.mergedIntoId })
    .from(units)
    .where(and(unitPathUnder(path), opts.kind ? eq(units.kind, opts.kind) : undefined, opts.activeOnly ? eq(units.active, true) : undefined))
    .orderBy(asc(units.path));
  return (await (opts.limit ? query.limit(opts.limit) : query)).map(({ path, ...u }) => ({ ...u, depth: path.split('/').filter(Boolean).length - 1 }));
}

/** Units the tree on /manage/units shows at once; below, a unit with children links to its own subtree. */
export const UNIT_TREE_MAX = 300;

export type UnitTreeRow = UnitRow & {
  /** Its children left out of this view (below the cut): shown in the subtree rooted at it. */
  hiddenChildren: number;
};

export type UnitTree = {
  /** The unit the view starts from: the admin's own, or one of its subtree. */
  root: { id: number; name: string; depth: number };
  /** The units from the admin's own down to the root's parent (empty when the root is the admin's own unit). */
  trail: Array<{ id: number; name: string }>;
  /** The root and the units below it, by path, as deep as fit in `max` rows (the root's children always do). */
  rows: UnitTreeRow[];
  /** Whether some units of the subtree are below the cut. */
  truncated: boolean;
};

/** Slashes on a unit's path: "/1/" has 2; a unit's depth (the root's 0) is this less 2. */
const pathSlashes = sql<number>`(length(${units.path}) - length(replace(${units.path}, '/', '')))`;

/**
 * The unit tree from the admin's own unit — or from `rootId`, a unit of their subtree (any other reads as
 * not found) — down to as many whole levels as fit in `max` rows: a nation's 10,000 units made a 10 MB page.
 * Units whose children are cut off say how many they have, for a view rooted at them.
 */
export async function listUnitTree(actor: Actor | null, rootId?: number, max = UNIT_TREE_MAX): Promise<UnitTree> {
  requireAdmin(actor);
  const db = getDb();
  let rootPath = actor.unitPath;
  if (rootId !== undefined) {
    await requireUnitsInScope(actor, rootId);
    rootPath = (await first(db.select({ path: units.path }).from(units).where(eq(units.id, rootId))))!.path;
  }
  const inTree = unitPathUnder(rootPath);
  const rootSlashes = rootPath.split('/').length - 1;
  // Units per level, to cut between levels: the tree never ends halfway through one.
  const levels = (await db.select({ slashes: pathSlashes, n: count() }).from(units).where(inTree).groupBy(pathSlashes).orderBy(pathSlashes))
    .map((l) => ({ slashes: Number(l.slashes), n: Number(l.n) }));
  let deepest = rootSlashes;
  let shown = 0;
  for (const l of levels) {
    if (l.slashes > rootSlashes + 1 && shown + l.n > max) break;
    shown += l.n;
    deepest = l.slashes;
  }
  const truncated = levels.some((l) => l.slashes > deepest);
  const rows = await db
    .select({ id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, parentId: units.parentId, path: units.path, active: units.active, mergedIntoId: units.mergedIntoId })
    .from(units)
    .where(and(inTree, sql`${pathSlashes} <= ${deepest}`))
    .orderBy(asc(units.path));
  const hidden = new Map(
    truncated
      ? (await db.select({ parentId: units.parentId, n: count() }).from(units).where(and(inTree, sql`${pathSlashes} = ${deepest + 1}`)).groupBy(units.parentId)).map((c) => [c.parentId, Number(c.n)])
      : [],
  );
  const depthOf = (path: string) => path.split('/').filter(Boolean).length - 1;
  const root = rows.find((u) => u.path === rootPath);
  if (!root) throw new DomainError('not_found');
  const own = pathIds(actor.unitPath).length;
  const above = pathIds(rootPath).slice(own - 1, -1);
  const names = new Map(above.length ? (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, above))).map((u) => [u.id, u.name]) : []);
  return {
    root: { id: root.id, name: root.name, depth: depthOf(root.path) },
    trail: above.map((id) => ({ id, name: names.get(id) ?? '' })),
    rows: rows.map(({ path, ...u }) => ({ ...u, depth: depthOf(path), hiddenChildren: hidden.get(u.id) ?? 0 })),
    truncated,
  };
}

export async function getUnitNames(actor: Actor | null, id: number): Promise<Array<{ name: string; validFrom: Date; validTo: Date | null; }>> {
  requireAdmin(actor);
  await requireUnitsInScope(actor, id);
  return await getDb().select({ name: unitNames.name, validFrom: unitNames.validFrom, validTo: unitNames.validTo }).from(unitNames).where(eq(unitNames.unitId, id)).orderBy(asc(unitNames.id));
}

export async function createUnit(actor: Actor | null, input: { name: string; shortName?: string | null; kind: UnitKind; parentId: number | null }, now = new Date()): Promise<{ id: number }> {
  requireAdmin(actor);
  const name = clean(input.name);
  if (!name || name.length > 200 || !UNIT_KINDS.includes(input.kind)) throw new DomainError('invalid_input', { field: 'name' });
  // A new unit goes under one of the admin's own units (a new root would belong to no one's scope).
  await requireUnitsInScope(actor, input.parentId);
  return write(async (tx) => {
    const parent = input.parentId ? (await first(tx.select({ path: units.path, active: units.active }).from(units).where(eq(units.id, input.parentId)))) : null;
    if (input.parentId && (!parent || !parent.active)) throw new DomainError('not_found', { field: 'parent' });
    let slug = slugify(name) || 'don-vi';
    for (let i = 2; (await first(tx.select({ id: units.id }).from(units).where(eq(units.slug, slug)))); i++) slug = `${slugify(name)}-${i}`;
    const id = (await first(tx.insert(units).values({ slug, name, shortName: input.shortName ? clean(input.shortName) : null, kind: input.kind, parentId: input.parentId, path: '/' }).returning({ id: units.id })))!.id;
    await tx.update(units).set({ path: `${parent?.path ?? '/'}${id}/` }).where(eq(units.id, id));
    await tx.insert(unitNames).values({ unitId: id, name, validFrom: now });
    await appendAudit(tx, { actorId: actor.id, action: 'unit.create', entityType: 'unit', entityId: id, after: { name, kind: input.kind, parentId: input.parentId } });
    return { id };
  });
}

/** Renames a unit; the old name stays in unit_names with the dates it was valid. */
export async function renameUnit(actor: Actor | null, id: number, newName: string, now = new Date()): Promise<void> {
  requireAdmin(actor);
  const name = clean(newName);
  if (!name || name.length > 200) throw new DomainError('invalid_input', { field: 'name' });
  await requireUnitsInScope(actor, id);
  await write(async (tx) => {
    const u = await first(tx.select({ name: units.name }).from(units).where(eq(units.id, id)));
    if (!u) throw new DomainError('not_found');
    if (u.name === name) return;
    await tx.update(unitNames).set({ validTo: now }).where(and(eq(unitNames.unitId, id), isNull(unitNames.validTo)));
    await tx.insert(unitNames).values({ unitId: id, name, validFrom: now });
    await tx.update(units).set({ name }).where(eq(units.id, id));
    await refuseIfFrozenListChanged(tx);
    await appendAudit(tx, { actorId: actor.id, action: 'unit.rename', entityType: 'unit', entityId: id, before: { name: u.name }, after: { name } });
  });
}

type Tx = Parameters<Parameters<typeof write>[0]>[0];

/** Re-parents a unit and rewrites the materialised path of its whole subtree. */
async function moveIn(tx: Tx, id: number, parentId: number): Promise<void> {
  const u = await first(tx.select({ path: units.path }).from(units).where(eq(units.id, id)));
  const p = await first(tx.select({ path: units.path }).from(units).where(eq(units.id, parentId)));
  if (!u || !p) throw new DomainError('not_found');
  if (p.path.startsWith(u.path)) throw new DomainError('invalid_input', { field: 'parent' });
  const newPath = `${p.path}${id}/`;
  await tx.update(units)
    .set({ path: sql`${newPath} || substr(${units.path}, ${u.path.length + 1})` })
    .where(like(units.path, `${u.path}%`));
  await tx.update(units).set({ parentId }).where(eq(units.id, id));
  // The public search's unit filter on PostgreSQL reads each award's units above it from the index.
  await refreshSearchFacets(tx, newPath);
}

export async function moveUnit(actor: Actor | null, id: number, parentId: number): Promise<void> {
  requireAdmin(actor);
  await requireUnitsInScope(actor, id, parentId);
  await write(async (tx) => {
    const before = await first(tx.select({ parentId: units.parentId }).from(units).where(eq(units.id, id)));
    if (!before) throw new DomainError('not_found');
    await moveIn(tx, id, parentId);
    await refuseIfFrozenListChanged(tx);
    await appendAudit(tx, { actorId: actor.id, action: 'unit.move', entityType: 'unit', entityId: id, before, after: { parentId } });
  });
}

export async function setUnitActive(actor: Actor | null, id: number, active: boolean): Promise<void> {
  requireAdmin(actor);
  await requireUnitsInScope(actor, id);
  await write(async (tx) => {
    const u = await first(tx.select({ active: units.active }).from(units).where(eq(units.id, id)));
    if (!u) throw new DomainError('not_found');
    await tx.update(units).set({ active }).where(eq(units.id, id));
    await appendAudit(tx, { actorId: actor.id, action: active ? 'unit.activate' : 'unit.deactivate', entityType: 'unit', entityId: id, before: u, after: { active } });
  });
}

/**
 * Merges units into one (wards joined by an administrative reform), in one transaction: their people,
 * collectives and users move to the successor; each merged unit goes under the successor, inactive and
 * pointing at it, so its history (nominations, awards, names) stays whole and within the new scope.
 */
export async function mergeUnits(actor: Actor | null, fromIds: number[], intoId: number): Promise<{ moved: { individuals: number; collectives: number; users: number } }> {
  requireAdmin(actor);
  const from = [...new Set(fromIds)].filter((id) => id !== intoId);
  if (from.length === 0) throw new DomainError('invalid_input', { field: 'from' });
  await requireUnitsInScope(actor, intoId, ...from);
  return write(async (tx) => {
    const into = await first(tx.select({ id: units.id, path: units.path, active: units.active }).from(units).where(eq(units.id, intoId)));
    if (!into || !into.active) throw new DomainError('not_found');
    const olds = await tx.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, from));
    if (olds.length !== from.length) throw new DomainError('not_found');
    if (olds.some((o) => into.path.startsWith(o.path))) throw new DomainError('invalid_input', { field: 'into' });
    const moved = { individuals: 0, collectives: 0, users: 0 };
    for (const o of olds) {
      moved.individuals += changed(await tx.update(individuals).set({ unitId: intoId }).where(eq(individuals.unitId, o.id)));
      moved.collectives += changed(await tx.update(collectives).set({ unitId: intoId }).where(eq(collectives.unitId, o.id)));
      moved.users += changed(await tx.update(users).set({ unitId: intoId }).where(eq(users.unitId, o.id)));
      await moveIn(tx, o.id, intoId);
      await tx.update(units).set({ active: false, mergedIntoId: intoId }).where(eq(units.id, o.id));
    }
    await refuseIfFrozenListChanged(tx);
    await appendAudit(tx, { actorId: actor.id, action: 'unit.merge', entityType: 'unit', entityId: intoId, before: { from }, after: { into: intoId, moved } });
    return { moved };
  });
}
