// The checks the database itself makes (SQLite migration 0005_db_constraints, the PostgreSQL schema): a raw
// INSERT or UPDATE that breaks an enum, the one-nominee rule, one nomination per nominee per round or one
// standing sign-off per round is refused by the database, whatever code (or hand) wrote it — on both engines.
// Each refusal is paired with the same row made valid, which goes in — so the refusal is the constraint's,
// not a typo's. A refusal is asserted by the name of the constraint that made it, read from the engine's
// error (PostgreSQL names it; SQLite names a CHECK, and a UNIQUE by its columns, which name its index).
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { seedDemo } from '@/db/demo';
import { transaction } from '@/db/client';
import type { DB } from '@/db/connection';
import { ENGINE, isPostgresDb } from '@/db/engine';
import { exec, rows } from '@/db/query';
import { freshDatabase, one, rolledBack, useAsAppDatabase } from '@/tests/db';

let unitId: number;
let userId: number;
let roundId: number;
let individualId: number;
let collectiveId: number;

const idOf = async (db: DB, query: SQL) => (await one<{ id: number }>(db, query))!.id;

beforeAll(async () => {
  const { db } = await freshDatabase();
  await seedDemo(db);
  // The test's statements and the savepoints around them share one connection (a transaction).
  useAsAppDatabase(db, { oneConnection: true });
  unitId = await idOf(db, sql`SELECT id FROM units ORDER BY id LIMIT 1`);
  userId = await idOf(db, sql`SELECT id FROM users ORDER BY id LIMIT 1`);
  roundId = await idOf(db, sql`SELECT id FROM rounds WHERE status = 'open'`);
  individualId = await idOf(db, sql`SELECT id FROM individuals WHERE id NOT IN (SELECT individual_id FROM nominations WHERE round_id = ${roundId} AND individual_id IS NOT NULL) ORDER BY id LIMIT 1`);
  collectiveId = await idOf(db, sql`SELECT id FROM collectives WHERE id NOT IN (SELECT collective_id FROM nominations WHERE round_id = ${roundId} AND collective_id IS NOT NULL) ORDER BY id LIMIT 1`);
});

type Refusal = { kind: 'check' | 'unique'; name: string };

/** The driver's error under drizzle's DrizzleQueryError (which wraps it as `cause`). */
function driverError(e: unknown): { code?: string; message?: string; constraint?: string } {
  let err = e as { cause?: unknown; code?: string } | undefined;
  while (err && !err.code && err.cause) err = err.cause as typeof err;
  return (err ?? {}) as { code?: string; message?: string; constraint?: string };
}

/** The constraint that refused a statement, or a rethrow of any other error (a typo is no refusal). */
async function refusalOf(tx: DB, e: unknown): Promise<Refusal> {
  const err = driverError(e);
  if (isPostgresDb(tx)) {
    // 23514 check_violation, 23505 unique_violation: the error names the constraint (or unique index).
    if (err.code === '23514') return { kind: 'check', name: err.constraint! };
    if (err.code === '23505') return { kind: 'unique', name: err.constraint! };
    throw e;
  }
  const check = /^CHECK constraint failed: (\w+)$/.exec(err.message ?? '');
  if (err.code === 'SQLITE_CONSTRAINT_CHECK' && check) return { kind: 'check', name: check[1] };
  const unique = /^UNIQUE constraint failed: (.+)$/.exec(err.message ?? '');
  if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' && unique) {
    // SQLite names the columns (`t.a, t.b`): the unique index of that table on exactly those columns.
    const columns = unique[1].split(', ').map((c) => c.split('.'));
    const table = columns[0][0];
    const indexes = await rows<{ name: string }>(tx, sql`SELECT name FROM pragma_index_list(${table}) WHERE "unique" = 1`);
    for (const { name } of indexes) {
      const on = await rows<{ name: string }>(tx, sql`SELECT name FROM pragma_index_info(${name}) ORDER BY seqno`);
      if (on.map((c) => c.name).join() === columns.map((c) => c[1]).join()) return { kind: 'unique', name };
    }
  }
  throw e;
}

/** Runs one statement in a savepoint of `tx`: null when it went in, else the constraint that refused it. */
async function attemptIn(tx: DB, query: SQL): Promise<Refusal | null> {
  try {
    await transaction((sp) => exec(sp, query));
    return null;
  } catch (e) {
    return refusalOf(tx, e);
  }
}

/** Runs one statement in a transaction that is always rolled back, so every case starts from the seed. */
async function attempt(query: SQL): Promise<Refusal | null> {
  let result: Refusal | null = null;
  await rolledBack(async (tx) => {
    result = await attemptIn(tx, query);
  });
  return result;
}

const check = (name: string): Refusal => ({ kind: 'check', name });
const unique = (name: string): Refusal => ({ kind: 'unique', name });

const nomination = (kind: string, collective: number | null, individual: number | null, status = 'draft', round = roundId) =>
  sql`INSERT INTO nominations (round_id, nominee_kind, collective_id, individual_id, unit_id, status) VALUES (${round}, ${kind}, ${collective}, ${individual}, ${unitId}, ${status})`;

describe('enum columns hold only their values', () => {
  it.each([
    ['units.kind', (v: string) => sql`INSERT INTO units (slug, name, kind, path) VALUES ('x-unit', 'X', ${v}, '/x/')`, 'ward', 'planet', 'units_kind'],
    ['collectives.kind', (v: string) => sql`INSERT INTO collectives (name, name_folded, unit_id, kind) VALUES ('X', 'x', (SELECT min(id) FROM units), ${v})`, 'school', 'club', 'collectives_kind'],
    ['individuals.gender', (v: string) => sql`INSERT INTO individuals (full_name, name_folded, unit_id, gender) VALUES ('X', 'x', (SELECT min(id) FROM units), ${v})`, 'female', 'f', 'individuals_gender'],
    ['user_roles.role', (v: string) => sql`INSERT INTO user_roles (user_id, role) VALUES ((SELECT max(id) FROM users), ${v})`, 'reviewer', 'root', 'user_roles_role'],
    ['rounds.status', (v: string) => sql`INSERT INTO rounds (slug, title, theme, period, authority, award_form, unit_id, status) VALUES ('x-round', 'X', 'X', '2026', 'X', 'X', (SELECT min(id) FROM units), ${v})`, 'draft', 'deleted', 'rounds_status_value'],
    ['rounds.source', (v: string) => sql`INSERT INTO rounds (slug, title, theme, period, authority, award_form, unit_id, source) VALUES ('x-round', 'X', 'X', '2026', 'X', 'X', (SELECT min(id) FROM units), ${v})`, 'archive', 'paper', 'rounds_source'],
    ['nomination_comments.kind', (v: string) => sql`INSERT INTO nomination_comments (nomination_id, author_id, kind, body) VALUES ((SELECT min(id) FROM nominations), (SELECT min(id) FROM users), ${v}, 'X')`, 'note', 'shout', 'nomination_comments_kind'],
  ])('%s', async (_name, statement, good, bad, constraint) => {
    expect(await attempt(statement(good))).toBeNull();
    expect(await attempt(statement(bad))).toEqual(check(constraint));
  });

  it('nominations.status, on insert and on update', async () => {
    expect(await attempt(nomination('individual', null, individualId, 'submitted'))).toBeNull();
    expect(await attempt(nomination('individual', null, individualId, 'approvedd'))).toEqual(check('nominations_status_value'));
    expect(await attempt(sql`UPDATE nominations SET status = 'lost' WHERE id = (SELECT min(id) FROM nominations)`)).toEqual(check('nominations_status_value'));
  });

  it('awards.gender', async () => {
    const award = sql`(SELECT min(id) FROM awards WHERE nominee_kind = 'individual')`;
    expect(await attempt(sql`UPDATE awards SET gender = 'male' WHERE id = ${award}`)).toBeNull();
    expect(await attempt(sql`UPDATE awards SET gender = 'n/a' WHERE id = ${award}`)).toEqual(check('awards_gender'));
  });
});

describe('a nomination names exactly one nominee, of its kind', () => {
  it.each([
    ['both a collective and an individual', 'individual', true, true],
    ['neither', 'collective', false, false],
    ['an individual under the collective kind', 'collective', false, true],
  ])('%s is refused', async (_name, kind, withCollective, withIndividual) => {
    expect(await attempt(nomination(kind, withCollective ? collectiveId : null, withIndividual ? individualId : null))).toEqual(check('nominations_one_nominee'));
    expect(await attempt(nomination('collective', collectiveId, null))).toBeNull();
  });
});

describe('one nomination per nominee per round', () => {
  it('a second nomination of the same individual in the round is refused; another round is fine', async () => {
    await rolledBack(async (tx) => {
      expect(await attemptIn(tx, nomination('individual', null, individualId))).toBeNull();
      expect(await attemptIn(tx, nomination('individual', null, individualId, 'submitted'))).toEqual(unique('nominations_round_individual'));
      const other = await idOf(tx, sql`SELECT id FROM rounds WHERE id <> ${roundId} AND id NOT IN (SELECT round_id FROM nominations WHERE individual_id = ${individualId}) ORDER BY id LIMIT 1`);
      expect(await attemptIn(tx, nomination('individual', null, individualId, 'draft', other))).toBeNull();
    });
  });

  it('and of the same collective', async () => {
    await rolledBack(async (tx) => {
      expect(await attemptIn(tx, nomination('collective', collectiveId, null))).toBeNull();
      expect(await attemptIn(tx, nomination('collective', collectiveId, null))).toEqual(unique('nominations_round_collective'));
    });
  });
});

describe('one standing sign-off per round', () => {
  it('a second sign-off is refused until the first is withdrawn', async () => {
    // A moment as each engine stores it (SQLite: milliseconds; PostgreSQL: timestamptz).
    const at = (ms: number) => (ENGINE === 'postgres' ? sql`to_timestamp(${ms / 1000})` : sql`${ms}`);
    const sign = () => sql`INSERT INTO signoffs (round_id, signed_by, signed_at, list_hash) VALUES (${roundId}, ${userId}, ${at(1)}, 'h')`;
    await rolledBack(async (tx) => {
      const first = await idOf(tx, sql`${sign()} RETURNING id`);
      expect(await attemptIn(tx, sign())).toEqual(unique('signoffs_standing'));
      await exec(tx, sql`UPDATE signoffs SET withdrawn_by = ${userId}, withdrawn_at = ${at(2)}, withdraw_reason = 'x' WHERE id = ${first}`);
      expect(await attemptIn(tx, sign())).toBeNull();
    });
  });
});

describe('an award names exactly one nominee, of its kind', () => {
  const award = (nominationId: number, kind: string, collective: number | null, individual: number | null) =>
    sql`INSERT INTO awards (public_id, round_id, nomination_id, nominee_kind, collective_id, individual_id, ordinal, name, unit_id, unit_name)
        VALUES ('x-award', ${roundId}, ${nominationId}, ${kind}, ${collective}, ${individual}, 999, 'X', ${unitId}, 'X')`;
  it.each([
    ['both a collective and an individual', 'individual', true, true],
    ['neither', 'collective', false, false],
    ['an individual under the collective kind', 'collective', false, true],
  ])('%s is refused', async (_name, kind, withCollective, withIndividual) => {
    // One award per nomination: use a nomination that has none.
    await rolledBack(async (tx) => {
      const free = await idOf(tx, sql`SELECT id FROM nominations WHERE id NOT IN (SELECT nomination_id FROM awards) ORDER BY id LIMIT 1`);
      expect(await attemptIn(tx, award(free, kind, withCollective ? collectiveId : null, withIndividual ? individualId : null))).toEqual(check('awards_one_nominee'));
      expect(await attemptIn(tx, award(free, 'individual', null, individualId))).toBeNull();
    });
  });
});

describe('a yearly record: its kind, a plausible year, one nominee, stated once per decision', () => {
  const record = (o: { kind?: string; year?: number; nomineeKind?: string; collective?: number | null; individual?: number | null; source?: string } = {}) =>
    sql`INSERT INTO yearly_records (nominee_kind, collective_id, individual_id, year, kind, value, source_number)
        VALUES (${o.nomineeKind ?? 'individual'}, ${o.collective ?? null}, ${o.individual === undefined ? individualId : o.individual}, ${o.year ?? 2024}, ${o.kind ?? 'rating'}, 'htxsnv', ${o.source ?? '1/QĐ-UBND'})`;
  it('each rule refuses its breach; the row made valid goes in', async () => {
    expect(await attempt(record())).toBeNull();
    expect(await attempt(record({ kind: 'medal' }))).toEqual(check('yearly_records_kind'));
    expect(await attempt(record({ year: 1900 }))).toEqual(check('yearly_records_year'));
    expect(await attempt(record({ year: 2101 }))).toEqual(check('yearly_records_year'));
    expect(await attempt(record({ collective: collectiveId }))).toEqual(check('yearly_records_one_nominee'));
    expect(await attempt(record({ nomineeKind: 'collective', individual: null, collective: collectiveId }))).toBeNull();
  });

  it('the same decision does not state the same thing twice for one nominee', async () => {
    await rolledBack(async (tx) => {
      expect(await attemptIn(tx, record())).toBeNull();
      expect(await attemptIn(tx, record())).toEqual(unique('yearly_records_individual_unique'));
      expect(await attemptIn(tx, record({ source: '2/QĐ-UBND' }))).toBeNull();
      expect(await attemptIn(tx, record({ nomineeKind: 'collective', individual: null, collective: collectiveId }))).toBeNull();
      expect(await attemptIn(tx, record({ nomineeKind: 'collective', individual: null, collective: collectiveId }))).toEqual(unique('yearly_records_collective_unique'));
    });
  });
});
