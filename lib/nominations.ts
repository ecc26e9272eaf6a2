// Nominations as staff see them: every read takes the actor and is scoped in the query itself.
import 'server-only';
import { and, count, desc, eq, like, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  collectives,
  individuals,
  nominations,
  rounds,
  units,
  type NominationStatus,
  type NomineeKind,
} from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { isStaff, seesAllNominations, type Actor } from '@/lib/policy';

export type NominationListItem = {
  id: number;
  roundSlug: string;
  roundTitle: string;
  kind: NomineeKind;
  nomineeName: string;
  unitName: string;
  status: NominationStatus;
  updatedAt: Date | null;
};

export type NominationFilter = {
  roundId?: number;
  status?: NominationStatus;
  kind?: NomineeKind;
  unitId?: number;
  page?: number;
  pageSize?: number;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

/** The scope clause every staff read of nominations carries. Null: the actor may see none. */
export function nominationScope(actor: Actor | null): SQL | undefined | null {
  if (!isStaff(actor)) return null;
  if (seesAllNominations(actor)) return undefined;
  if (actor.roles.includes('officer')) return like(units.path, `${actor.unitPath}%`);
  return null;
}

const nomineeName = sql<string>`coalesce(${individuals.fullName}, ${collectives.name})`;

export function listNominations(actor: Actor | null, filter: NominationFilter = {}): Page<NominationListItem> {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 25, 1), 100);
  const page = Math.max(filter.page ?? 1, 1);
  const scope = nominationScope(actor);
  if (scope === null) return { items: [], total: 0, page, pageSize, pageCount: 0 };
  const where = and(
    scope,
    filter.roundId ? eq(nominations.roundId, filter.roundId) : undefined,
    filter.status ? eq(nominations.status, filter.status) : undefined,
    filter.kind ? eq(nominations.nomineeKind, filter.kind) : undefined,
    filter.unitId ? eq(nominations.unitId, filter.unitId) : undefined,
  );
  const db = getDb();
  const total =
    db
      .select({ n: count() })
      .from(nominations)
      .innerJoin(units, eq(units.id, nominations.unitId))
      .where(where)
      .get()?.n ?? 0;
  const items = db
    .select({
      id: nominations.id,
      roundSlug: rounds.slug,
      roundTitle: rounds.title,
      kind: nominations.nomineeKind,
      nomineeName,
      unitName: units.name,
      status: nominations.status,
      updatedAt: sql<Date | null>`coalesce(${nominations.updatedAt}, ${nominations.createdAt})`.mapWith(
        (v: number | null) => (v == null ? null : new Date(v)),
      ),
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .innerJoin(rounds, eq(rounds.id, nominations.roundId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(where)
    .orderBy(desc(nominations.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { items, total, page, pageSize, pageCount: Math.ceil(total / pageSize) };
}

export type NominationDetail = NominationListItem & {
  summary: string;
  roundId: number;
  unitId: number;
};

/** One nomination, or not_found — "not yours" and "does not exist" read the same. */
export function getNomination(actor: Actor | null, id: number): NominationDetail {
  const scope = nominationScope(actor);
  if (scope === null || !Number.isSafeInteger(id) || id <= 0) throw new DomainError('not_found');
  const row = getDb()
    .select({
      id: nominations.id,
      roundId: nominations.roundId,
      roundSlug: rounds.slug,
      roundTitle: rounds.title,
      kind: nominations.nomineeKind,
      nomineeName,
      unitId: nominations.unitId,
      unitName: units.name,
      status: nominations.status,
      summary: nominations.summary,
      updatedAt: sql<Date | null>`coalesce(${nominations.updatedAt}, ${nominations.createdAt})`.mapWith(
        (v: number | null) => (v == null ? null : new Date(v)),
      ),
    })
    .from(nominations)
    .innerJoin(units, eq(units.id, nominations.unitId))
    .innerJoin(rounds, eq(rounds.id, nominations.roundId))
    .leftJoin(individuals, eq(individuals.id, nominations.individualId))
    .leftJoin(collectives, eq(collectives.id, nominations.collectiveId))
    .where(and(eq(nominations.id, id), scope))
    .get();
  if (!row) throw new DomainError('not_found');
  return row;
}
