// The checks the database itself makes (migration 0005_db_constraints): a raw INSERT or UPDATE that breaks
// an enum, the one-nominee rule, one nomination per nominee per round or one standing sign-off per round is
// refused by SQLite, whatever code (or hand) wrote it. Each refusal is paired with the same row made valid,
// which goes in — so the refusal is the constraint's, not a typo's.
import { beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { seedDemo } from '@/db/demo';
import { freshDatabase } from '@/tests/db';

let sqlite: Database.Database;
const one = <T>(q: string, ...p: unknown[]) => sqlite.prepare(q).get(...p) as T;
let unitId: number;
let userId: number;
let roundId: number;
let individualId: number;
let collectiveId: number;

beforeAll(async () => {
  const { db } = await freshDatabase();
  await seedDemo(db);
  sqlite = db.$client;
  unitId = one<{ id: number }>('SELECT id FROM units ORDER BY id LIMIT 1').id;
  userId = one<{ id: number }>('SELECT id FROM users ORDER BY id LIMIT 1').id;
  roundId = one<{ id: number }>("SELECT id FROM rounds WHERE status = 'open'").id;
  individualId = one<{ id: number }>('SELECT id FROM individuals WHERE id NOT IN (SELECT individual_id FROM nominations WHERE round_id = ? AND individual_id IS NOT NULL) LIMIT 1', roundId).id;
  collectiveId = one<{ id: number }>('SELECT id FROM collectives WHERE id NOT IN (SELECT collective_id FROM nominations WHERE round_id = ? AND collective_id IS NOT NULL) LIMIT 1', roundId).id;
});

/** Runs `sql` in a transaction that is always rolled back, so every case starts from the seed. */
function attempt(sql: string, ...params: unknown[]): void {
  sqlite.exec('SAVEPOINT t');
  try {
    sqlite.prepare(sql).run(...params);
  } finally {
    sqlite.exec('ROLLBACK TO t');
    sqlite.exec('RELEASE t');
  }
}

const nomination = (kind: string, collective: number | null, individual: number | null, status = 'draft') => [
  'INSERT INTO nominations (round_id, nominee_kind, collective_id, individual_id, unit_id, status) VALUES (?, ?, ?, ?, ?, ?)',
  roundId,
  kind,
  collective,
  individual,
  unitId,
  status,
] as const;

describe('enum columns hold only their values', () => {
  it.each([
    ['units.kind', "INSERT INTO units (slug, name, kind, path) VALUES ('x-unit', 'X', ?, '/x/')", 'ward', 'planet', 'units_kind'],
    ['collectives.kind', 'INSERT INTO collectives (name, name_folded, unit_id, kind) VALUES (\'X\', \'x\', ' + '(SELECT min(id) FROM units), ?)', 'school', 'club', 'collectives_kind'],
    ['individuals.gender', "INSERT INTO individuals (full_name, name_folded, unit_id, gender) VALUES ('X', 'x', (SELECT min(id) FROM units), ?)", 'female', 'f', 'individuals_gender'],
    ['user_roles.role', 'INSERT INTO user_roles (user_id, role) VALUES ((SELECT max(id) FROM users), ?)', 'reviewer', 'root', 'user_roles_role'],
    ['rounds.status', "INSERT INTO rounds (slug, title, theme, period, authority, award_form, unit_id, status) VALUES ('x-round', 'X', 'X', '2026', 'X', 'X', (SELECT min(id) FROM units), ?)", 'draft', 'deleted', 'rounds_status_value'],
    ['rounds.source', "INSERT INTO rounds (slug, title, theme, period, authority, award_form, unit_id, source) VALUES ('x-round', 'X', 'X', '2026', 'X', 'X', (SELECT min(id) FROM units), ?)", 'archive', 'paper', 'rounds_source'],
    ['nomination_comments.kind', 'INSERT INTO nomination_comments (nomination_id, author_id, kind, body) VALUES ((SELECT min(id) FROM nominations), (SELECT min(id) FROM users), ?, \'X\')', 'note', 'shout', 'nomination_comments_kind'],
  ])('%s', (_name, sql, good, bad, constraint) => {
    expect(() => attempt(sql, good)).not.toThrow();
    expect(() => attempt(sql, bad)).toThrow(`CHECK constraint failed: ${constraint}`);
  });

  it('nominations.status, on insert and on update', () => {
    expect(() => attempt(...nomination('individual', null, individualId, 'submitted'))).not.toThrow();
    expect(() => attempt(...nomination('individual', null, individualId, 'approvedd'))).toThrow('CHECK constraint failed: nominations_status_value');
    expect(() => attempt("UPDATE nominations SET status = 'lost' WHERE id = (SELECT min(id) FROM nominations)")).toThrow('CHECK constraint failed: nominations_status_value');
  });

  it('awards.gender', () => {
    expect(() => attempt("UPDATE awards SET gender = 'male' WHERE id = (SELECT min(id) FROM awards WHERE nominee_kind = 'individual')")).not.toThrow();
    expect(() => attempt("UPDATE awards SET gender = 'n/a' WHERE id = (SELECT min(id) FROM awards WHERE nominee_kind = 'individual')")).toThrow('CHECK constraint failed: awards_gender');
  });
});

describe('one nomination per nominee per round', () => {
  it('a second nomination of the same individual in the round is refused; another round is fine', () => {
    sqlite.exec('SAVEPOINT dup');
    try {
      sqlite.prepare(nomination('individual', null, individualId)[0]).run(...nomination('individual', null, individualId).slice(1));
      expect(() => attempt(...nomination('individual', null, individualId, 'submitted'))).toThrow('UNIQUE constraint failed: nominations.round_id, nominations.individual_id');
      const other = one<{ id: number }>('SELECT id FROM rounds WHERE id != ? AND id NOT IN (SELECT round_id FROM nominations WHERE individual_id = ?) ORDER BY id LIMIT 1', roundId, individualId).id;
      expect(() => attempt('INSERT INTO nominations (round_id, nominee_kind, individual_id, unit_id) VALUES (?, ?, ?, ?)', other, 'individual', individualId, unitId)).not.toThrow();
    } finally {
      sqlite.exec('ROLLBACK TO dup');
      sqlite.exec('RELEASE dup');
    }
  });

  it('and of the same collective', () => {
    sqlite.exec('SAVEPOINT dup');
    try {
      sqlite.prepare(nomination('collective', collectiveId, null)[0]).run(...nomination('collective', collectiveId, null).slice(1));
      expect(() => attempt(...nomination('collective', collectiveId, null))).toThrow('UNIQUE constraint failed: nominations.round_id, nominations.collective_id');
    } finally {
      sqlite.exec('ROLLBACK TO dup');
      sqlite.exec('RELEASE dup');
    }
  });
});

describe('one standing sign-off per round', () => {
  it('a second sign-off is refused until the first is withdrawn', () => {
    const sign = "INSERT INTO signoffs (round_id, signed_by, signed_at, list_hash) VALUES (?, ?, 1, 'h')";
    sqlite.exec('SAVEPOINT s');
    try {
      const first = sqlite.prepare(sign).run(roundId, userId).lastInsertRowid;
      expect(() => attempt(sign, roundId, userId)).toThrow('UNIQUE constraint failed: signoffs.round_id');
      sqlite.prepare("UPDATE signoffs SET withdrawn_by = ?, withdrawn_at = 2, withdraw_reason = 'x' WHERE id = ?").run(userId, first);
      expect(() => attempt(sign, roundId, userId)).not.toThrow();
    } finally {
      sqlite.exec('ROLLBACK TO s');
      sqlite.exec('RELEASE s');
    }
  });
});

describe('an award names exactly one nominee, of its kind', () => {
  const award = (kind: string, collective: number | null, individual: number | null) => [
    `INSERT INTO awards (public_id, round_id, nomination_id, nominee_kind, collective_id, individual_id, ordinal, name, unit_id, unit_name)
     VALUES ('x-award', ?, (SELECT min(id) FROM nominations), ?, ?, ?, 999, 'X', ?, 'X')`,
    roundId,
    kind,
    collective,
    individual,
    unitId,
  ] as const;
  it.each([
    ['both a collective and an individual', 'individual', true, true],
    ['neither', 'collective', false, false],
    ['an individual under the collective kind', 'collective', false, true],
  ])('%s is refused', (_name, kind, withCollective, withIndividual) => {
    // One award per nomination: use a nomination that has none.
    sqlite.exec('SAVEPOINT a');
    try {
      const free = one<{ id: number }>('SELECT id FROM nominations WHERE id NOT IN (SELECT nomination_id FROM awards) LIMIT 1').id;
      const [sql, ...params] = award(kind, withCollective ? collectiveId : null, withIndividual ? individualId : null);
      expect(() => attempt(sql.replace('(SELECT min(id) FROM nominations)', String(free)), ...params)).toThrow('CHECK constraint failed: awards_one_nominee');
      const [okSql, ...okParams] = award('individual', null, individualId);
      expect(() => attempt(okSql.replace('(SELECT min(id) FROM nominations)', String(free)), ...okParams)).not.toThrow();
    } finally {
      sqlite.exec('ROLLBACK TO a');
      sqlite.exec('RELEASE a');
    }
  });
});
