// Public reads: only published rounds and their unrevoked awards. No session needed, nothing else exposed.
import 'server-only';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { awards, rounds, type NomineeKind, type RoundSource } from '@/db/schema';
import { memoUntilWrite } from '@/lib/memo';

export type PublicRound = {
  slug: string;
  title: string;
  theme: string;
  period: string;
  authority: string;
  awardForm: string;
  source: RoundSource;
  decisionNumber: string | null;
  decisionDate: string | null;
  collectives: number;
  individuals: number;
};

export type PublicAward = {
  id: string;
  kind: NomineeKind;
  ordinal: number;
  name: string;
  unit: string;
  position: string | null;
  summary: string;
};

const liveAward = and(isNull(awards.revokedAt), eq(awards.roundId, rounds.id));

const roundColumns = {
  id: rounds.id,
  slug: rounds.slug,
  title: rounds.title,
  theme: rounds.theme,
  period: rounds.period,
  authority: rounds.authority,
  awardForm: rounds.awardForm,
  source: rounds.source,
  decisionNumber: rounds.decisionNumber,
  decisionDate: rounds.decisionDate,
  collectives: sql<number>`(SELECT count(*) FROM ${awards} WHERE ${liveAward} AND ${awards.nomineeKind} = 'collective')`,
  individuals: sql<number>`(SELECT count(*) FROM ${awards} WHERE ${liveAward} AND ${awards.nomineeKind} = 'individual')`,
};

function toPublicRound({ id: _id, ...r }: PublicRound & { id: number }): PublicRound {
  return r;
}

export function listPublishedRounds(): PublicRound[] {
  return memoUntilWrite('public:rounds', () =>
    getDb()
      .select(roundColumns)
      .from(rounds)
      .where(eq(rounds.status, 'published'))
      .orderBy(desc(rounds.decisionDate), desc(rounds.id))
      .all()
      .map(toPublicRound),
  );
}

export function getPublishedRound(slug: string): PublicRound | null {
  if (slug.length > 200) return null;
  const row = getDb()
    .select(roundColumns)
    .from(rounds)
    .where(and(eq(rounds.slug, slug), eq(rounds.status, 'published')))
    .get();
  return row ? toPublicRound(row) : null;
}

/** The honour roll of a published round: collectives then individuals, in the decision's order. */
export function listPublishedAwards(slug: string): PublicAward[] | null {
  if (slug.length > 200) return null;
  return memoUntilWrite(`public:awards:${slug}`, () => readPublishedAwards(slug));
}

function readPublishedAwards(slug: string): PublicAward[] | null {
  const db = getDb();
  const round = db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.slug, slug), eq(rounds.status, 'published')))
    .get();
  if (!round) return null;
  return db
    .select({
      id: awards.publicId,
      kind: awards.nomineeKind,
      ordinal: awards.ordinal,
      name: awards.name,
      unit: awards.unitName,
      position: awards.position,
      summary: awards.summary,
    })
    .from(awards)
    .where(and(eq(awards.roundId, round.id), isNull(awards.revokedAt)))
    .orderBy(asc(awards.nomineeKind), asc(awards.ordinal))
    .all();
}

/** The public JSON API's bodies, serialised once per change of the data rather than per request
 * (a nation's list of rounds is ~650 kB). */
export function publicRoundsJson(): string {
  return memoUntilWrite('public:rounds.json', () =>
    JSON.stringify(
      listPublishedRounds().map((r) => ({
        slug: r.slug,
        title: r.title,
        period: r.period,
        authority: r.authority,
        awardForm: r.awardForm,
        source: r.source,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
        collectives: r.collectives,
        individuals: r.individuals,
      })),
    ),
  );
}

export function publicAwardsJson(slug: string): string | null {
  if (slug.length > 200) return null;
  return memoUntilWrite(`public:awards.json:${slug}`, () => {
    const awards = listPublishedAwards(slug);
    return awards && JSON.stringify(awards.map((a) => ({ id: a.id, kind: a.kind, name: a.name, unit: a.unit, position: a.position })));
  });
}

/** For /api/health: the database answers a query. */
export function databaseIsHealthy(): boolean {
  try {
    return getDb().get<{ ok: number }>(sql`SELECT 1 AS ok`)?.ok === 1;
  } catch {
    return false;
  }
}

export type PublicAwardDetail = {
  id: string;
  kind: NomineeKind;
  name: string;
  position: string | null;
  unit: string;
  summary: string;
  roundSlug: string;
  roundTitle: string;
  authority: string;
  awardForm: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  source: RoundSource;
  /** Revoked awards stay verifiable: the page says so, with the revoking decision. */
  revoked: { decision: string | null; reason: string | null } | null;
};

/** An award of a published round, for /awards/[id] (what a certificate's QR code opens). */
export function getPublicAward(publicId: string): PublicAwardDetail | null {
  if (!/^[a-f0-9]{16}$/.test(publicId)) return null;
  const row = getDb()
    .select({
      id: awards.publicId, kind: awards.nomineeKind, name: awards.name, position: awards.position, unit: awards.unitName, summary: awards.summary,
      roundSlug: rounds.slug, roundTitle: rounds.title, authority: rounds.authority, awardForm: rounds.awardForm, decisionNumber: rounds.decisionNumber,
      decisionDate: rounds.decisionDate, source: rounds.source, revokedAt: awards.revokedAt, revokeDecision: awards.revokeDecision, revokeReason: awards.revokeReason,
    })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(and(eq(awards.publicId, publicId), eq(rounds.status, 'published')))
    .get();
  if (!row) return null;
  const { revokedAt, revokeDecision, revokeReason, ...rest } = row;
  return { ...rest, revoked: revokedAt ? { decision: revokeDecision, reason: revokeReason } : null };
}
