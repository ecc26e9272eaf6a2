// The registries of individuals and collectives: every staff member sees the people of their own unit's
// subtree (officer or office). Search folds case, diacritics and đ. An edit that would change an entry of a
// signed-off list still in review is refused (lib/final-list) until the sign-off is withdrawn.
import 'server-only';
import { and, desc, eq, gte, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isPostgresDb } from '@/db/engine';
import { awards, collectives, individuals, nominations, rounds, units, users, yearlyRecords, GENDERS, type NominationStatus } from '@/db/tables';
import { appendAudit } from '@/lib/audit-chain';
import { refuseIfFrozenListChanged } from '@/lib/final-list';
import { write } from '@/lib/workflow';
import { memoUntilWrite } from '@/lib/memo';
import { DomainError } from '@/lib/errors';
import { isStaff, type Actor } from '@/lib/policy';
import { unitPathUnder } from '@/lib/scope';
import { clean as cleanText, fold, foldedWords } from '@/lib/text';
import { changed, countUpTo, first, likeText } from '@/db/query';

export type RegistryKind = 'individual' | 'collective';
export type RegistryRow = { id: number; name: string; position: string | null; unit: string; awards: number };

/** Everyone on the staff, office or officer, sees the people of their own unit's subtree. */
function scopeOf(actor: Actor | null): SQL | undefined | null {
  if (!isStaff(actor)) return null;
  return unitPathUnder(actor.unitPath);
}

/** Folded words; each must appear in the folded name (or unit name). LIKE wildcards are escaped. */
function searchClause(q: string | undefined, nameColumn: typeof individuals.nameFolded | typeof collectives.nameFolded): SQL | undefined {
  const words = foldedWords(q);
  if (!words.length) return undefined;
  return and(...words.map((w) => likeText(nameColumn, w)));
}

/** The registry counts its people up to this many: above, the total reads "more than" and the pages run on with
 * Next (a nation's million people took 1.3 s to count after every write, "nguyen" 0.6–1.5 s on every search). */
export const REGISTRY_COUNT_MAX = 100_000;

export async function listRegistry(actor: Actor | null, kind: RegistryKind, filter: { q?: string; unitId?: number; page?: number } = {}, { countMax = REGISTRY_COUNT_MAX } = {}): Promise<{ items: RegistryRow[]; total: number; page: number; pageSize: number; pageCount: number; moreThan?: boolean }> {
  const scope = scopeOf(actor);
  const page = Math.max(1, Math.min(filter.page ?? 1, 100_000));
  const pageSize = 25;
  if (scope === null) return { items: [], total: 0, page, pageSize, pageCount: 0 };
  const db = getDb();
  const t = kind === 'individual' ? individuals : collectives;
  const unitPath = filter.unitId ? (await first(db.select({ path: units.path }).from(units).where(eq(units.id, filter.unitId))))?.path : undefined;
  const where = and(scope, isNull(t.mergedIntoId), searchClause(filter.q?.slice(0, 200), t.nameFolded), filter.unitId ? like(units.path, `${unitPath ?? '/none/'}%`) : undefined);
  const counted = () => countUpTo(db, db.select({ id: t.id }).from(t).innerJoin(units, eq(units.id, t.unitId)).where(where), countMax);
  // Without a search, the count depends on the scope and the unit alone: remembered until the next write.
  const { total, moreThan } = filter.q?.trim() ? await counted() : await memoUntilWrite(`registry-total:${countMax}:${kind}:${actor!.unitPath}:${filter.unitId ?? ''}`, counted);
  const awardCount = (id: typeof t.id) =>
    db.$count(awards, and(eq(kind === 'individual' ? awards.individualId : awards.collectiveId, id), isNull(awards.revokedAt)));
  const items = (await db
    .select({
      id: t.id,
      name: kind === 'individual' ? individuals.fullName : collectives.name,
      position: kind === 'individual' ? individuals.position : collectives.name,
      unit: units.name,
      awards: awardCount(t.id),
    })
    .from(t)
    .innerJoin(units, eq(units.id, t.unitId))
    .where(where)
    .orderBy(registryOrder(db, t, filter.q), t.id)
    .limit(pageSize)
    .offset((page - 1) * pageSize))
    .map((r) => ({ ...r, position: kind === 'individual' ? r.position : null }));
  return { items, total, page, pageSize, pageCount: Math.ceil(total / pageSize), ...(moreThan ? { moreThan } : {}) };
}

/** The registry's order, by folded name. On PostgreSQL a search sorts the names it finds (through their trigram
 * index, db/migrations-pg 0008) rather than walk the name index from "a" and test every name: its planner took the
 * walk for two words and read a nation's million names for "xuan mai" (1.05 s, nobody found; 4 ms sorted), 676,000
 * of them for "nguyen van" (0.73 s; 56 ms). SQLite has no index for a word inside a name: its walk is its best. */
function registryOrder(db: object, t: typeof individuals | typeof collectives, q: string | undefined): SQL {
  return q?.trim() && isPostgresDb(db) ? sql`(${t.nameFolded} || '')` : sql`${t.nameFolded}`;
}

export type HistoryEntry = { roundTitle: string; roundSlug: string; theme: string; status: NominationStatus; nominationId: number; decisionNumber: string | null; decisionDate: string | null; awardId: string | null; revoked: boolean; source: 'workflow' | 'archive' };

/** One person or collective with every nomination and award across rounds (archive included). */
export async function getRegistryEntry(actor: Actor | null, kind: RegistryKind, id: number) {
  const scope = scopeOf(actor);
  if (scope === null || !Number.isSafeInteger(id) || id <= 0) throw new DomainError('not_found');
  const db = getDb();
  const t = kind === 'individual' ? individuals : collectives;
  const row = await first(db
    .select({ id: t.id, name: kind === 'individual' ? individuals.fullName : collectives.name, unit: units.name, unitId: t.unitId })
    .from(t)
    .innerJoin(units, eq(units.id, t.unitId))
    .where(and(eq(t.id, id), scope)));
  if (!row) throw new DomainError('not_found');
  const person = kind === 'individual' ? (await first(db.select().from(individuals).where(eq(individuals.id, id))))! : null;
  const history: HistoryEntry[] = (await db
    .select({
      roundTitle: rounds.title, roundSlug: rounds.slug, theme: rounds.theme, source: rounds.source, status: nominations.status, nominationId: nominations.id,
      decisionNumber: rounds.decisionNumber, decisionDate: rounds.decisionDate, awardId: awards.publicId, revokedAt: awards.revokedAt,
    })
    .from(nominations)
    .innerJoin(rounds, eq(rounds.id, nominations.roundId))
    .leftJoin(awards, eq(awards.nominationId, nominations.id))
    .where(kind === 'individual' ? eq(nominations.individualId, id) : eq(nominations.collectiveId, id))
    .orderBy(desc(rounds.decisionDate), desc(nominations.id)))
    .map(({ revokedAt, ...h }) => ({ ...h, revoked: !!revokedAt }));
  return { ...row, gender: person?.gender ?? null, birthYear: person?.birthYear ?? null, position: person?.position ?? null, partyMember: person?.partyMember ?? null, history };
}

/** "One achievement, one award": earlier live awards of this nominee in the same theme within two years. */
export async function priorAwardsInTheme(nominee: { individualId: number | null; collectiveId: number | null }, theme: string, excludeRoundId: number, now = new Date()): Promise<Array<{ roundTitle: string; decisionNumber: string | null; decisionDate: string | null; }>> {
  const since = new Date(now.getTime() - 2 * 365 * 86_400_000).toISOString().slice(0, 10);
  return await getDb()
    .select({ roundTitle: rounds.title, decisionNumber: rounds.decisionNumber, decisionDate: rounds.decisionDate })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(
      and(
        nominee.individualId ? eq(awards.individualId, nominee.individualId) : eq(awards.collectiveId, nominee.collectiveId ?? -1),
        isNull(awards.revokedAt),
        eq(rounds.theme, theme),
        gte(rounds.decisionDate, since),
        or(eq(rounds.status, 'decided'), eq(rounds.status, 'published'), eq(rounds.status, 'archived')),
        ne(awards.roundId, excludeRoundId),
      ),
    )
    .limit(10);
}

// ---------------------------------------------------------------------------------------------
// Editing and merging duplicates (the same person entered twice).

export async function updateIndividual(actor: Actor | null, id: number, input: { fullName: string; gender: (typeof GENDERS)[number] | null; birthYear: number | null; position: string | null; partyMember: boolean }): Promise<void> {
  await getRegistryEntry(actor, 'individual', id); // scope: not yours reads as not found
  if (!actor!.roles.some((r) => r === 'officer' || r === 'admin')) throw new DomainError('forbidden');
  const fullName = cleanText(input.fullName);
  if (!fullName || fullName.length > 200) throw new DomainError('invalid_input', { field: 'fullName' });
  await write(async (tx) => {
    const before = (await first(tx.select().from(individuals).where(eq(individuals.id, id))))!;
    const after = { fullName, nameFolded: fold(fullName), gender: input.gender, birthYear: input.birthYear, position: input.position ? cleanText(input.position) : null, partyMember: input.partyMember };
    await tx.update(individuals).set(after).where(eq(individuals.id, id));
    await refuseIfFrozenListChanged(tx);
    await appendAudit(tx, { actorId: actor!.id, action: 'individual.edit', entityType: 'individual', entityId: id, before: { fullName: before.fullName, gender: before.gender, birthYear: before.birthYear, position: before.position, partyMember: before.partyMember }, after });
  });
}

/** Merges `dropId` into `keepId` (admins): every nomination and award moves over; the duplicate stays, marked. */
export async function mergeRegistryEntries(actor: Actor | null, kind: RegistryKind, keepId: number, dropId: number): Promise<{ nominations: number; awards: number }> {
  if (!actor || !actor.roles.includes('admin')) throw new DomainError('forbidden');
  if (keepId === dropId) throw new DomainError('invalid_input', { field: 'duplicate' });
  // Both within the admin's own subtree: another office's people read as not found.
  await getRegistryEntry(actor, kind, keepId);
  await getRegistryEntry(actor, kind, dropId);
  return write(async (tx) => {
    const t = kind === 'individual' ? individuals : collectives;
    const keep = await first(tx.select({ id: t.id, merged: t.mergedIntoId }).from(t).where(eq(t.id, keepId)));
    const drop = await first(tx.select({ id: t.id, merged: t.mergedIntoId }).from(t).where(eq(t.id, dropId)));
    if (!keep || !drop || keep.merged || drop.merged) throw new DomainError('not_found');
    const moved = { nominations: 0, awards: 0 };
    if (kind === 'individual') {
      moved.nominations = changed(await tx.update(nominations).set({ individualId: keepId }).where(eq(nominations.individualId, dropId)));
      moved.awards = changed(await tx.update(awards).set({ individualId: keepId }).where(eq(awards.individualId, dropId)));
      await tx.update(users).set({ individualId: keepId }).where(eq(users.individualId, dropId));
      await tx.update(individuals).set({ mergedIntoId: keepId, active: false }).where(eq(individuals.id, dropId));
    } else {
      moved.nominations = changed(await tx.update(nominations).set({ collectiveId: keepId }).where(eq(nominations.collectiveId, dropId)));
      moved.awards = changed(await tx.update(awards).set({ collectiveId: keepId }).where(eq(awards.collectiveId, dropId)));
      await tx.update(collectives).set({ mergedIntoId: keepId, active: false }).where(eq(collectives.id, dropId));
    }
    // The duplicate's yearly records move too; one the kept entry already holds (same decision) goes.
    const owner = kind === 'individual' ? yearlyRecords.individualId : yearlyRecords.collectiveId;
    const held = new Set((await tx.select().from(yearlyRecords).where(eq(owner, keepId))).map((r) => `${r.year}|${r.kind}|${r.value}|${r.sourceNumber}`));
    let records = 0;
    for (const r of await tx.select().from(yearlyRecords).where(eq(owner, dropId))) {
      if (held.has(`${r.year}|${r.kind}|${r.value}|${r.sourceNumber}`)) await tx.delete(yearlyRecords).where(eq(yearlyRecords.id, r.id));
      else {
        await tx.update(yearlyRecords).set(kind === 'individual' ? { individualId: keepId } : { collectiveId: keepId }).where(eq(yearlyRecords.id, r.id));
        records++;
      }
    }
    await refuseIfFrozenListChanged(tx);
    await appendAudit(tx, { actorId: actor.id, action: `${kind}.merge`, entityType: kind, entityId: keepId, before: { duplicate: dropId }, after: { ...moved, records } });
    return moved;
  });
}

export async function updateCollective(actor: Actor | null, id: number, input: { name: string }): Promise<void> {
  await getRegistryEntry(actor, 'collective', id);
  if (!actor!.roles.some((r) => r === 'officer' || r === 'admin')) throw new DomainError('forbidden');
  const name = cleanText(input.name);
  if (!name || name.length > 300) throw new DomainError('invalid_input', { field: 'name' });
  await write(async (tx) => {
    const before = (await first(tx.select({ name: collectives.name }).from(collectives).where(eq(collectives.id, id))))!;
    await tx.update(collectives).set({ name, nameFolded: fold(name) }).where(eq(collectives.id, id));
    await refuseIfFrozenListChanged(tx);
    await appendAudit(tx, { actorId: actor!.id, action: 'collective.edit', entityType: 'collective', entityId: id, before, after: { name } });
  });
}
