import { cachedPublishedRounds } from '@/lib/public-cache';

export const dynamic = 'force-dynamic';

export async function GET() {
  const rounds = (await cachedPublishedRounds()).map((r) => ({
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
  }));
  return Response.json(rounds);
}
