// The council's voting rule, pure: a round carries its council (members, quorum, the approving share of
// *all* members, and the legal basis as text), and a vote is judged against it. No I/O; lib/workflow and
// lib/council call this inside their transactions, lib/council-rule.test.ts covers every threshold case.
import type { CouncilRule } from '@/db/tables';

export type Council = { members: number; quorum: number | null; rule: CouncilRule; basis: string };

/** A tally: abstentions and absent members together, so for + against + abstain = members. */
export type Tally = { for: number; against: number; abstain: number };

/** The legal basis shown with each rule when the round's own text is empty (DOMAIN.md: keep configurable). */
export const DEFAULT_BASIS: Record<CouncilRule, string> = {
  more_than_half:
    'Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng: được đề nghị khen thưởng khi có quá nửa (trên 50%) tổng số thành viên Hội đồng đồng ý (Luật Thi đua, khen thưởng số 06/2022/QH15).',
  at_least_80: 'Quy trình xét khen thưởng cấp tỉnh trước đây: từ 80% tổng số thành viên Hội đồng đồng ý trở lên (Bằng khen).',
  at_least_90:
    'Điều 45 Nghị định 91/2017/NĐ-CP (đã được thay thế): từ 90% tổng số thành viên Hội đồng đồng ý trở lên (Chiến sĩ thi đua cấp tỉnh, toàn quốc; danh hiệu Anh hùng).',
};

/** The fewest votes for that approve, out of `members` (more than half is strict; 80 % and 90 % are "at least"). */
export function votesNeeded(rule: CouncilRule, members: number): number {
  if (rule === 'more_than_half') return Math.floor(members / 2) + 1;
  const pct = rule === 'at_least_80' ? 80 : 90;
  return Math.ceil((pct * members) / 100);
}

export type VoteRefusal =
  /** A number is not a whole number from 0 to 1000. */
  | { reason: 'not_a_count'; field: 'voteFor' | 'voteAgainst' | 'voteAbstain' }
  /** for + against + abstain must add up to the members. */
  | { reason: 'sum'; field: 'voteAbstain'; members: number; sum: number }
  /** Fewer members voted (for or against) than the quorum. */
  | { reason: 'quorum'; field: 'voteFor'; quorum: number; voted: number }
  /** An approval below the approving share of all members. */
  | { reason: 'short'; field: 'voteFor'; for: number; needed: number; short: number; members: number }
  /** A rejection although the votes reach the approving share. */
  | { reason: 'majority_for'; field: 'decision'; for: number; needed: number; members: number };

const isCount = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= 1000;

/** Why `decision` with `tally` is refused under `council`, or null when it stands. */
export function voteRefusal(council: Pick<Council, 'members' | 'quorum' | 'rule'>, decision: 'approve' | 'reject', tally: Tally): VoteRefusal | null {
  if (!isCount(tally.for)) return { reason: 'not_a_count', field: 'voteFor' };
  if (!isCount(tally.against)) return { reason: 'not_a_count', field: 'voteAgainst' };
  if (!isCount(tally.abstain)) return { reason: 'not_a_count', field: 'voteAbstain' };
  const { members } = council;
  const sum = tally.for + tally.against + tally.abstain;
  if (sum !== members) return { reason: 'sum', field: 'voteAbstain', members, sum };
  const voted = tally.for + tally.against;
  if (council.quorum != null && voted < council.quorum) return { reason: 'quorum', field: 'voteFor', quorum: council.quorum, voted };
  const needed = votesNeeded(council.rule, members);
  if (decision === 'approve' && tally.for < needed) return { reason: 'short', field: 'voteFor', for: tally.for, needed, short: needed - tally.for, members };
  // Votes that reach the approving share approve: recording them as a rejection is refused.
  if (decision === 'reject' && tally.for >= needed) return { reason: 'majority_for', field: 'decision', for: tally.for, needed, members };
  return null;
}

/** Checks the council's own terms: at least one member, a quorum within the members. */
export function councilRefusal(c: Pick<Council, 'members' | 'quorum'>): 'councilMembers' | 'councilQuorum' | null {
  if (!Number.isSafeInteger(c.members) || c.members < 1 || c.members > 1000) return 'councilMembers';
  if (c.quorum != null && (!Number.isSafeInteger(c.quorum) || c.quorum < 1 || c.quorum > c.members)) return 'councilQuorum';
  return null;
}
