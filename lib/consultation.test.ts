// Public feedback: limited per address and per round, kept out of the audit trail; moderation audited.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents, feedback, nominations, rounds, users } from '@/db/tables';
import { seedDemo } from '@/db/demo';
import { freshDatabase, useAsAppDatabase } from '@/tests/db';
import type { DB } from '@/db/connection';
import { addFeedback, FEEDBACK_PER_HOUR, feedbackPerRoundPerHour, hideFeedback, listFeedback } from './consultation';
import { isDomainError } from './errors';
import { loadActor } from './users';
import { first } from '@/db/query';

let db: DB;
let nominationId: number;
const SLUG = 'hoc-tap-lam-theo-bac-2026';
const now = new Date('2026-03-02T03:00:00Z');
const actor = async (username: string) => (await loadActor((await first(db.select({ id: users.id }).from(users).where(eq(users.username, username))))!.id))!;
const code = async (f: () => unknown) => {
  try {
    await f();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return 'ok';
};
const post = async (address: string, at = now, body = 'Tôi đồng ý với đề nghị này.') => code(async () => addFeedback({ slug: SLUG, nominationId, body, address }, at));

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemo(db);
  useAsAppDatabase(db);
  const round = (await first(db.select().from(rounds).where(eq(rounds.slug, SLUG))))!;
  await db.update(rounds).set({ status: 'reviewing', consultation: true, consultationEndsAt: new Date(now.getTime() + 7 * 86_400_000) }).where(eq(rounds.id, round.id));
  nominationId = (await first(db.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.roundId, round.id), inArray(nominations.status, ['submitted', 'checked'])))))!.id;
});
beforeEach(async () => {
  await db.delete(feedback);
  delete process.env.FEEDBACK_ROUND_PER_HOUR;
});

describe('addFeedback', () => {
  it('does not grow the audit trail: the comment is in its own table only', async () => {
    const events = async () => (await db.select({ id: auditEvents.id }).from(auditEvents)).length;
    const before = await events();
    expect(await post('203.0.113.1')).toBe('ok');
    expect(await events()).toBe(before);
    expect(await db.select().from(feedback)).toHaveLength(1);
  });

  it(`takes ${FEEDBACK_PER_HOUR} comments an hour from one address`, async () => {
    for (let i = 0; i < FEEDBACK_PER_HOUR; i++) expect(await post('203.0.113.2')).toBe('ok');
    expect(await post('203.0.113.2')).toBe('rate_limited');
    expect(await post('203.0.113.3')).toBe('ok');
    expect(await post('203.0.113.2', new Date(now.getTime() + 3_600_001))).toBe('ok');
  });

  it('caps a round per hour whatever the addresses', async () => {
    process.env.FEEDBACK_ROUND_PER_HOUR = '7';
    expect(feedbackPerRoundPerHour()).toBe(7);
    for (let i = 0; i < 7; i++) expect(await post(`198.51.100.${i}`)).toBe('ok');
    expect(await post('198.51.100.200')).toBe('rate_limited');
    expect(await db.select().from(feedback)).toHaveLength(7);
    expect(await post('198.51.100.200', new Date(now.getTime() + 3_600_001))).toBe('ok');
  });

  it('the per-round cap defaults to a number and ignores nonsense', () => {
    expect(feedbackPerRoundPerHour({})).toBe(300);
    expect(feedbackPerRoundPerHour({ FEEDBACK_ROUND_PER_HOUR: '-1' })).toBe(300);
  });
});

describe('hideFeedback', () => {
  it('a reviewer hides a comment with a reason, in one audited transaction; an officer cannot', async () => {
    expect(await post('203.0.113.9', now, 'Nội dung xúc phạm')).toBe('ok');
    const id = (await first(db.select({ id: feedback.id }).from(feedback)))!.id;
    expect(await code(async () => hideFeedback(await actor('officer'), id, 'Xúc phạm'))).toBe('not_found');
    expect(await code(async () => hideFeedback(await actor('reviewer'), id, ' '))).toBe('invalid_input');
    expect(await listFeedback(await actor('reviewer'), nominationId)).toHaveLength(1);
    expect(await code(async () => hideFeedback(await actor('reviewer'), id, 'Ngôn từ xúc phạm', now))).toBe('ok');
    expect(await listFeedback(await actor('reviewer'), nominationId)).toEqual([]);
    const row = (await first(db.select().from(feedback).where(eq(feedback.id, id))))!;
    expect(row.hiddenReason).toBe('Ngôn từ xúc phạm');
    expect(row.body).toBe('Nội dung xúc phạm');
    const last = await db.select().from(auditEvents).where(eq(auditEvents.action, 'feedback.hide'));
    expect(last).toHaveLength(1);
    expect(last[0].entityId).toBe(nominationId);
  });
});
