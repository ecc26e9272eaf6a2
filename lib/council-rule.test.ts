// The council's rule, case by case: exactly at the threshold, just below, abstentions and absent members
// (counted against all members), sums that do not add up, the quorum, and a rejection the votes approve.
import { describe, expect, it } from 'vitest';
import { councilRefusal, voteRefusal, votesNeeded } from './council-rule';

const half = { members: 9, quorum: null, rule: 'more_than_half' as const };

describe('votes needed, out of all members', () => {
  it.each([
    ['more_than_half', 9, 5],
    ['more_than_half', 10, 6],
    ['more_than_half', 1, 1],
    ['at_least_80', 10, 8],
    ['at_least_80', 9, 8], // 7.2 → 8
    ['at_least_80', 5, 4],
    ['at_least_90', 10, 9],
    ['at_least_90', 9, 9], // 8.1 → 9
    ['at_least_90', 20, 18],
  ] as const)('%s of %i members: %i', (rule, members, needed) => {
    expect(votesNeeded(rule, members)).toBe(needed);
  });
});

describe('an approval', () => {
  it('exactly at more than half stands (5 of 9)', () => {
    expect(voteRefusal(half, 'approve', { for: 5, against: 4, abstain: 0 })).toBeNull();
  });

  it('just below is refused with what it falls short of (4 of 9; the reported case 3 for, 4 against)', () => {
    expect(voteRefusal(half, 'approve', { for: 4, against: 5, abstain: 0 })).toEqual({ reason: 'short', field: 'voteFor', for: 4, needed: 5, short: 1, members: 9 });
    expect(voteRefusal(half, 'approve', { for: 3, against: 4, abstain: 2 })).toEqual({ reason: 'short', field: 'voteFor', for: 3, needed: 5, short: 2, members: 9 });
  });

  it('half of an even council is not more than half (5 of 10)', () => {
    expect(voteRefusal({ ...half, members: 10 }, 'approve', { for: 5, against: 5, abstain: 0 })).toMatchObject({ reason: 'short', needed: 6 });
    expect(voteRefusal({ ...half, members: 10 }, 'approve', { for: 6, against: 4, abstain: 0 })).toBeNull();
  });

  it('abstentions and absent members count against all members: 4 for, 0 against, 5 abstaining is refused', () => {
    expect(voteRefusal(half, 'approve', { for: 4, against: 0, abstain: 5 })).toMatchObject({ reason: 'short', short: 1 });
    expect(voteRefusal(half, 'approve', { for: 5, against: 0, abstain: 4 })).toBeNull();
  });

  it('80 %: exactly at (8 of 10) stands, just below (7 of 10) is refused', () => {
    const c = { members: 10, quorum: null, rule: 'at_least_80' as const };
    expect(voteRefusal(c, 'approve', { for: 8, against: 2, abstain: 0 })).toBeNull();
    expect(voteRefusal(c, 'approve', { for: 7, against: 1, abstain: 2 })).toMatchObject({ reason: 'short', needed: 8, short: 1 });
  });

  it('90 %: exactly at (9 of 10) stands, just below (8 of 10) is refused; 8 of 9 is below 90 %', () => {
    const c = { members: 10, quorum: null, rule: 'at_least_90' as const };
    expect(voteRefusal(c, 'approve', { for: 9, against: 0, abstain: 1 })).toBeNull();
    expect(voteRefusal(c, 'approve', { for: 8, against: 0, abstain: 2 })).toMatchObject({ reason: 'short', needed: 9 });
    expect(voteRefusal({ ...c, members: 9 }, 'approve', { for: 8, against: 1, abstain: 0 })).toMatchObject({ reason: 'short', needed: 9 });
  });
});

describe('the tally itself', () => {
  it('for + against + abstentions/absent must add up to the members', () => {
    expect(voteRefusal(half, 'approve', { for: 6, against: 2, abstain: 0 })).toEqual({ reason: 'sum', field: 'voteAbstain', members: 9, sum: 8 });
    expect(voteRefusal(half, 'reject', { for: 2, against: 7, abstain: 1 })).toEqual({ reason: 'sum', field: 'voteAbstain', members: 9, sum: 10 });
  });

  it('names the field that is not a count', () => {
    expect(voteRefusal(half, 'approve', { for: -1, against: 0, abstain: 10 })).toEqual({ reason: 'not_a_count', field: 'voteFor' });
    expect(voteRefusal(half, 'approve', { for: 9, against: 1.5, abstain: 0 })).toEqual({ reason: 'not_a_count', field: 'voteAgainst' });
    expect(voteRefusal(half, 'approve', { for: 9, against: 0, abstain: NaN })).toEqual({ reason: 'not_a_count', field: 'voteAbstain' });
  });

  it('a quorum counts the members who voted for or against', () => {
    const c = { ...half, quorum: 6 };
    expect(voteRefusal(c, 'approve', { for: 5, against: 0, abstain: 4 })).toEqual({ reason: 'quorum', field: 'voteFor', quorum: 6, voted: 5 });
    expect(voteRefusal(c, 'approve', { for: 5, against: 1, abstain: 3 })).toBeNull();
  });
});

describe('a rejection', () => {
  it('with a majority for is refused (5 of 9 for)', () => {
    expect(voteRefusal(half, 'reject', { for: 5, against: 4, abstain: 0 })).toEqual({ reason: 'majority_for', field: 'decision', for: 5, needed: 5, members: 9 });
  });

  it('just below the approving share stands, abstentions included (4 for, 1 against, 4 absent)', () => {
    expect(voteRefusal(half, 'reject', { for: 4, against: 1, abstain: 4 })).toBeNull();
  });

  it('under 80 % a majority short of the share is a rejection, so no nomination is left without a way out', () => {
    const c = { members: 10, quorum: null, rule: 'at_least_80' as const };
    expect(voteRefusal(c, 'reject', { for: 7, against: 3, abstain: 0 })).toBeNull();
    expect(voteRefusal(c, 'reject', { for: 8, against: 2, abstain: 0 })).toMatchObject({ reason: 'majority_for' });
  });
});

describe('the council', () => {
  it('needs members, and a quorum within them', () => {
    expect(councilRefusal({ members: 9, quorum: 5 })).toBeNull();
    expect(councilRefusal({ members: 9, quorum: null })).toBeNull();
    expect(councilRefusal({ members: 0, quorum: null })).toBe('councilMembers');
    expect(councilRefusal({ members: 9, quorum: 10 })).toBe('councilQuorum');
    expect(councilRefusal({ members: 9, quorum: 0 })).toBe('councilQuorum');
  });
});
