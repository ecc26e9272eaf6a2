// Policy as a table: (actor, subject) → expected.
import { describe, expect, it } from 'vitest';
import type { Role } from '@/db/schema';
import { canSeeNomination, staffMenu, type Actor } from './policy';

const actor = (roles: Role[], unitPath = '/2/14/'): Actor => ({
  id: 1, username: 'u', displayName: 'U', roles, unitId: 14, unitPath, unitName: 'X', individualId: null, mustChangePassword: false,
});

const OWN = '/2/14/40/'; // a quarter under the actor's ward
const SELF = '/2/14/';
const OTHER = '/2/15/41/'; // another ward's quarter
const PREFIX_TRAP = '/2/145/'; // shares a textual prefix without the slash

describe('canSeeNomination', () => {
  const rows: Array<[string, Actor | null, string, boolean]> = [
    ['anonymous', null, OWN, false],
    ['no roles', actor([]), OWN, false],
    ['officer, own subtree', actor(['officer']), OWN, true],
    ['officer, own unit', actor(['officer']), SELF, true],
    ['officer, other ward', actor(['officer']), OTHER, false],
    ['officer, prefix trap', actor(['officer']), PREFIX_TRAP, false],
    ['reviewer, other ward', actor(['reviewer']), OTHER, true],
    ['approver, other ward', actor(['approver']), OTHER, true],
    ['admin, other ward', actor(['admin']), OTHER, true],
    ['officer+reviewer, other ward', actor(['officer', 'reviewer']), OTHER, true],
  ];
  it.each(rows)('%s', (_name, a, path, expected) => expect(canSeeNomination(a, path)).toBe(expected));
});

describe('staffMenu', () => {
  it.each([
    [['officer'], ['dashboard', 'rounds', 'nominations', 'people', 'import']],
    [['reviewer'], ['dashboard', 'rounds', 'nominations', 'people', 'review']],
    [['approver'], ['dashboard', 'rounds', 'nominations', 'people', 'approve']],
    [['admin'], ['dashboard', 'rounds', 'nominations', 'people', 'import', 'audit', 'units', 'users']],
  ] as Array<[Role[], string[]]>)('%j', (roles, items) => expect(staffMenu(actor(roles))).toEqual(items));
});
