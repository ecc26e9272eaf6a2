// Rounds as staff see them. Every function takes the actor first.
import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { nominations, rounds, units, type RoundSource, type RoundStatus } from '@/db/schema';
import { nominationScope } from '@/lib/nominations';
import { isStaff, type Actor } from '@/lib/policy';

export type StaffRound = {
  id: number;
  slug: string;
  title: string;
  period: string;
  authority: string;
  status: RoundStatus;
  source: RoundSource;
  windowClosesAt: Date | null;
  decisionNumber: string | null;
  /** Nominations in the actor's scope. */
  nominations: number;
};

export function listRounds(actor: Actor | null): StaffRound[] {
  const scope = nominationScope(actor);
  if (!isStaff(actor) || scope === null) return [];
  const db = getDb();
  const counts = new Map(
    db
      .select({ roundId: nominations.roundId, n: count() })
      .from(nominations)
      .innerJoin(units, eq(units.id, nominations.unitId))
      .where(scope)
      .groupBy(nominations.roundId)
      .all()
      .map((r) => [r.roundId, r.n]),
  );
  return db
    .select({
      id: rounds.id,
      slug: rounds.slug,
      title: rounds.title,
      period: rounds.period,
      authority: rounds.authority,
      status: rounds.status,
      source: rounds.source,
      windowClosesAt: rounds.windowClosesAt,
      decisionNumber: rounds.decisionNumber,
    })
    .from(rounds)
    .orderBy(sql`CASE ${rounds.status} WHEN 'open' THEN 0 WHEN 'reviewing' THEN 1 WHEN 'draft' THEN 2 WHEN 'decided' THEN 3 ELSE 4 END`, desc(rounds.id))
    .all()
    .map((r) => ({ ...r, nominations: counts.get(r.id) ?? 0 }));
}

export function listRoundOptions(actor: Actor | null): Array<{ id: number; title: string }> {
  if (!isStaff(actor)) return [];
  return getDb().select({ id: rounds.id, title: rounds.title }).from(rounds).where(and()).orderBy(asc(rounds.id)).all();
}
