// Policy as a table: (actor, subject) → expected.
import { describe, expect, it } from 'vitest';
import type { Role } from '@/db/tables';
import { canSeeNomination, inSubtree, roundInScope, staffMenu, type Actor } from './policy';

const actor = (roles: Role[], unitPath = '/2/14/'): Actor => ({
  id: 1, username: 'u', displayName: 'U', roles, unitId: 14, unitPath, unitName: 'X', individualId: null, mustChangePassword: false,
});

const OWN = '/2/14/40/'; // a quarter under the actor's ward
const SELF = '/2/14/';
const OTHER = '/2/15/41/'; // another ward's quarter
const PREFIX_TRAP = '/2/145/'; // shares a textual prefix without the slash

describe('canSeeNomination', () => {
  // Round run by the district ('/2/'), by the actor's own ward ('/2/14/'), by another authority ('/9/').
  const DISTRICT = '/2/';
  const ELSEWHERE = '/9/';
  const district = actor(['reviewer'], DISTRICT);
  const rows: Array<[string, Actor | null, string, string, boolean]> = [
    ['anonymous', null, OWN, DISTRICT, false],
    ['no roles', actor([]), OWN, DISTRICT, false],
    ['officer, own subtree', actor(['officer']), OWN, DISTRICT, true],
    ['officer, own unit', actor(['officer']), SELF, DISTRICT, true],
    ['officer, other ward', actor(['officer']), OTHER, DISTRICT, false],
    ['officer, prefix trap', actor(['officer']), PREFIX_TRAP, DISTRICT, false],
    ['district reviewer, any ward of its round', district, OTHER, DISTRICT, true],
    ['district approver, any ward of its round', actor(['approver'], DISTRICT), OTHER, DISTRICT, true],
    ['district admin, any ward of its round', actor(['admin'], DISTRICT), OTHER, DISTRICT, true],
    ['district reviewer, another authority', district, '/9/50/', ELSEWHERE, false],
    ['ward reviewer, the district round', actor(['reviewer']), OWN, DISTRICT, false],
    ['ward reviewer, its own ward round', actor(['reviewer']), OWN, SELF, true],
    ['officer+reviewer of a ward, other ward of the district round', actor(['officer', 'reviewer']), OTHER, DISTRICT, false],
    ['officer+reviewer of a ward, own ward in the district round', actor(['officer', 'reviewer']), OWN, DISTRICT, true],
  ];
  it.each(rows)('%s', (_name, a, path, roundPath, expected) => expect(canSeeNomination(a, path, roundPath)).toBe(expected));
});

describe('inSubtree and roundInScope', () => {
  it('is a prefix on whole path segments', () => {
    expect(inSubtree('/2/14/40/', '/2/14/')).toBe(true);
    expect(inSubtree('/2/14/', '/2/14/')).toBe(true);
    expect(inSubtree('/2/145/', '/2/14/')).toBe(false);
    expect(inSubtree('/2/', '/2/14/')).toBe(false);
  });
  it.each([
    ['officer inside the round unit', actor(['officer']), '/2/', true],
    ['officer, round of a unit below theirs', actor(['officer'], '/2/'), '/2/14/', false],
    ['officer, another authority', actor(['officer']), '/9/', false],
    ['office, round run below its unit', actor(['admin'], '/2/'), '/2/14/', true],
    ['office, round run above its unit', actor(['admin']), '/2/', false],
    ['office, another authority', actor(['approver'], '/2/'), '/9/', false],
  ] as Array<[string, Actor, string, boolean]>)('%s', (_name, a, roundPath, expected) => expect(roundInScope(a, roundPath)).toBe(expected));
});

describe('staffMenu', () => {
  it.each([
    [['officer'], ['dashboard', 'rounds', 'nominations', 'people', 'records', 'rules', 'import']],
    [['reviewer'], ['dashboard', 'rounds', 'nominations', 'people', 'records', 'rules', 'review']],
    [['approver'], ['dashboard', 'rounds', 'nominations', 'people', 'records', 'rules', 'approve']],
    [['admin'], ['dashboard', 'rounds', 'nominations', 'people', 'records', 'rules', 'import', 'audit', 'units', 'users']],
  ] as Array<[Role[], string[]]>)('%j', (roles, items) => expect(staffMenu(actor(roles))).toEqual(items));
});
