// db/schema.pg.ts is db/schema.ts for PostgreSQL (issue 16 item 2): this test proves it, without a database.
// Table by table: columns (TS key, SQL name, nullability, default, primary, enum, the JS value a row carries),
// primary and foreign keys, indexes (columns, uniqueness, partial WHERE) and checks (name and expression).
// Then what lives only in the migrations: triggers, the search table, seeded settings rows.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { Column, getTableName, is, SQL, type Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from './schema';
import * as pgSchema from './schema.pg';

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/**
 * SQL defaults that differ in spelling only. SQLite keeps timestamps as integer milliseconds, PostgreSQL as
 * timestamptz; both give the JS Date of the moment of insertion.
 */
const SQL_DEFAULT_TRANSLATIONS: Record<string, string> = {
  "(unixepoch('subsec') * 1000)": 'now()',
};

function render(value: SQL, engine: 'sqlite' | 'pg'): string {
  const text = (engine === 'sqlite' ? sqliteDialect : pgDialect).sqlToQuery(value).sql.replace(/\s+/g, ' ').trim();
  return engine === 'sqlite' ? (SQL_DEFAULT_TRANSLATIONS[text] ?? text) : text;
}

function describeDefault(column: Column, engine: 'sqlite' | 'pg'): unknown {
  if (!column.hasDefault) return undefined;
  // An autoincrement key (SQLite) or an identity (PostgreSQL): the database numbers the row.
  if ((column as { autoIncrement?: boolean }).autoIncrement || column.generatedIdentity) return 'generated id';
  if (column.default === undefined) return 'no literal default';
  return is(column.default, SQL) ? { sql: render(column.default, engine) } : column.default;
}

function describeTable(table: Table, engine: 'sqlite' | 'pg') {
  const config = engine === 'sqlite' ? sqliteConfig(table as SQLiteTable) : pgConfig(table as PgTable);
  const keys = new Map(Object.entries(table).filter(([, c]) => is(c, Column)).map(([key, c]) => [c as Column, key]));
  const columns = Object.fromEntries(
    config.columns.map((c) => [
      keys.get(c),
      {
        name: c.name,
        notNull: c.notNull,
        hasDefault: c.hasDefault,
        default: describeDefault(c, engine),
        primary: c.primary,
        // 'date' | 'boolean' | 'json' | 'number' | 'string': the kind of JS value the row carries.
        value: c.dataType,
        enum: c.enumValues ?? null,
      },
    ]),
  );
  const primaryKey = [...config.columns.filter((c) => c.primary).map((c) => c.name), ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name))];
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      return `${ref.columns.map((c) => c.name).join(',')} → ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')}) on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`;
    })
    .sort();
  const indexes = Object.fromEntries(
    config.indexes.map((ix) => [
      ix.config.name,
      {
        unique: ix.config.unique,
        // SQLite lists Columns, PostgreSQL IndexedColumns (a column with its operator class and order).
        columns: ix.config.columns.map((c) => (is(c, SQL) ? render(c, engine) : (c as { name: string }).name)),
        where: ix.config.where ? render(ix.config.where, engine) : null,
      },
    ]),
  );
  const checks = Object.fromEntries(config.checks.map((ch) => [ch.name, render(ch.value, engine)]));
  return { name: config.name, columns, primaryKey, foreignKeys, indexes, checks, uniqueConstraints: config.uniqueConstraints.length };
}

const sqliteTables = Object.fromEntries(Object.entries(sqliteSchema).filter(([, v]) => is(v, SQLiteTable))) as Record<string, SQLiteTable>;
const pgTables = Object.fromEntries(Object.entries(pgSchema).filter(([, v]) => is(v, PgTable))) as Record<string, PgTable>;

describe('db/schema.pg.ts is db/schema.ts for PostgreSQL', () => {
  it('exports the same tables under the same names, with the same SQL names', () => {
    const names = (tables: Record<string, Table>) => Object.fromEntries(Object.entries(tables).map(([key, t]) => [key, getTableName(t)]));
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(20);
    expect(names(pgTables)).toEqual(names(sqliteTables));
  });

  it('re-exports the constant lists, not copies of them', () => {
    for (const [key, value] of Object.entries(sqliteSchema)) {
      if (Array.isArray(value)) expect(pgSchema[key as keyof typeof pgSchema], key).toBe(value);
    }
  });

  it.each(Object.keys(sqliteTables))('%s: same columns, keys, indexes and checks', (key) => {
    const sqlite = describeTable(sqliteTables[key], 'sqlite');
    const pg = describeTable(pgTables[key], 'pg');
    expect(pg.columns).toEqual(sqlite.columns);
    expect(pg).toEqual(sqlite);
  });

  it('an autoincrement key is an identity that still takes an explicit id', () => {
    for (const [key, table] of Object.entries(pgTables)) {
      for (const column of pgConfig(table).columns) {
        const sqliteColumn = sqliteConfig(sqliteTables[key]).columns.find((c) => c.name === column.name) as { autoIncrement?: boolean } | undefined;
        expect(column.generatedIdentity?.type === 'byDefault', `${key}.${column.name}`).toBe(Boolean(sqliteColumn?.autoIncrement));
      }
    }
  });

  it('gives the app the same row types (checked by tsc)', () => {
    expectTypeOf<typeof pgSchema.units.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.units.$inferSelect>();
    expectTypeOf<typeof pgSchema.units.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.units.$inferInsert>();
    expectTypeOf<typeof pgSchema.unitNames.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.unitNames.$inferSelect>();
    expectTypeOf<typeof pgSchema.unitNames.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.unitNames.$inferInsert>();
    expectTypeOf<typeof pgSchema.collectives.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.collectives.$inferSelect>();
    expectTypeOf<typeof pgSchema.collectives.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.collectives.$inferInsert>();
    expectTypeOf<typeof pgSchema.individuals.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.individuals.$inferSelect>();
    expectTypeOf<typeof pgSchema.individuals.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.individuals.$inferInsert>();
    expectTypeOf<typeof pgSchema.users.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.users.$inferSelect>();
    expectTypeOf<typeof pgSchema.users.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.users.$inferInsert>();
    expectTypeOf<typeof pgSchema.userRoles.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.userRoles.$inferSelect>();
    expectTypeOf<typeof pgSchema.userRoles.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.userRoles.$inferInsert>();
    expectTypeOf<typeof pgSchema.rounds.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.rounds.$inferSelect>();
    expectTypeOf<typeof pgSchema.rounds.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.rounds.$inferInsert>();
    expectTypeOf<typeof pgSchema.roundPhotos.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.roundPhotos.$inferSelect>();
    expectTypeOf<typeof pgSchema.roundPhotos.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.roundPhotos.$inferInsert>();
    expectTypeOf<typeof pgSchema.roundQuotas.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.roundQuotas.$inferSelect>();
    expectTypeOf<typeof pgSchema.roundQuotas.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.roundQuotas.$inferInsert>();
    expectTypeOf<typeof pgSchema.signoffs.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.signoffs.$inferSelect>();
    expectTypeOf<typeof pgSchema.signoffs.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.signoffs.$inferInsert>();
    expectTypeOf<typeof pgSchema.signoffEntries.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.signoffEntries.$inferSelect>();
    expectTypeOf<typeof pgSchema.signoffEntries.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.signoffEntries.$inferInsert>();
    expectTypeOf<typeof pgSchema.councilSittings.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.councilSittings.$inferSelect>();
    expectTypeOf<typeof pgSchema.councilSittings.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.councilSittings.$inferInsert>();
    expectTypeOf<typeof pgSchema.nominations.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.nominations.$inferSelect>();
    expectTypeOf<typeof pgSchema.nominations.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.nominations.$inferInsert>();
    expectTypeOf<typeof pgSchema.nominationComments.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.nominationComments.$inferSelect>();
    expectTypeOf<typeof pgSchema.nominationComments.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.nominationComments.$inferInsert>();
    expectTypeOf<typeof pgSchema.attachments.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.attachments.$inferSelect>();
    expectTypeOf<typeof pgSchema.attachments.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.attachments.$inferInsert>();
    expectTypeOf<typeof pgSchema.awards.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.awards.$inferSelect>();
    expectTypeOf<typeof pgSchema.awards.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.awards.$inferInsert>();
    expectTypeOf<typeof pgSchema.feedback.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.feedback.$inferSelect>();
    expectTypeOf<typeof pgSchema.feedback.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.feedback.$inferInsert>();
    expectTypeOf<typeof pgSchema.auditEvents.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.auditEvents.$inferSelect>();
    expectTypeOf<typeof pgSchema.auditEvents.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.auditEvents.$inferInsert>();
    expectTypeOf<typeof pgSchema.settings.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.settings.$inferSelect>();
    expectTypeOf<typeof pgSchema.settings.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.settings.$inferInsert>();
    expectTypeOf<typeof pgSchema.signInFailures.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.signInFailures.$inferSelect>();
    expectTypeOf<typeof pgSchema.signInFailures.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.signInFailures.$inferInsert>();
    expectTypeOf<typeof pgSchema.endedSessions.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.endedSessions.$inferSelect>();
    expectTypeOf<typeof pgSchema.endedSessions.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.endedSessions.$inferInsert>();
    expectTypeOf<typeof pgSchema.proposals.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.proposals.$inferSelect>();
    expectTypeOf<typeof pgSchema.proposals.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.proposals.$inferInsert>();
    expectTypeOf<typeof pgSchema.yearlyRecords.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.yearlyRecords.$inferSelect>();
    expectTypeOf<typeof pgSchema.yearlyRecords.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.yearlyRecords.$inferInsert>();
    expectTypeOf<typeof pgSchema.eligibilityRules.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.eligibilityRules.$inferSelect>();
    expectTypeOf<typeof pgSchema.eligibilityRules.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.eligibilityRules.$inferInsert>();
    // Every table is listed above: a new table fails here until its pair of lines is added.
    expect(Object.keys(sqliteTables)).toHaveLength(24);
  });

  it('db/tables.ts switches every table by engine (the app imports its tables from there)', () => {
    const switched = fs.readFileSync(path.join(import.meta.dirname, 'tables.ts'), 'utf8');
    for (const name of Object.keys(sqliteTables)) expect(switched, name).toContain(`export const ${name} = pick(sqlite.${name}, postgres.${name});`);
  });
});

// ---- What lives only in the migrations ----

function migrationsText(folder: string): string[] {
  const dir = path.join(import.meta.dirname, folder);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/--[^\n]*/g, ''));
}

/** Triggers standing after every migration: name → "BEFORE UPDATE ON audit_events". */
function triggersOf(texts: string[]): Map<string, string> {
  const triggers = new Map<string, string>();
  const statement =
    /CREATE\s+(?:CONSTRAINT\s+)?TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?(\w+)[`"]?\s+(BEFORE|AFTER|INSTEAD\s+OF)\s+(INSERT|UPDATE|DELETE|TRUNCATE)\b(?:\s+OF\s+[^]*?)?\s+ON\s+[`"]?(\w+)[`"]?|DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?[`"]?(\w+)[`"]?|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?[`"]?(\w+)[`"]?/gi;
  for (const text of texts) {
    for (const m of text.matchAll(statement)) {
      const [, created, timing, event, table, dropped, droppedTable] = m;
      if (created) triggers.set(created, `${timing.toUpperCase()} ${event.toUpperCase()} ON ${table}`);
      else if (dropped) triggers.delete(dropped);
      // SQLite drops a table's triggers with it (the table rebuilds of 0005 and 0011).
      else for (const [name, on] of triggers) if (on.endsWith(` ON ${droppedTable}`)) triggers.delete(name);
    }
  }
  return triggers;
}

/**
 * Triggers PostgreSQL has and SQLite has not, each with its reason. A trigger missing on either side and not
 * listed here fails the test.
 */
const PG_ONLY_TRIGGERS: Record<string, string> = {
  // TRUNCATE empties a table without firing row-level DELETE triggers; SQLite has no TRUNCATE.
  audit_events_no_truncate: 'BEFORE TRUNCATE ON audit_events',
  // The names' words as B-tree rows (db/migrations-pg 0006), kept in step with award_name_search: FTS5 needs no such table.
  award_name_words_insert: 'AFTER INSERT ON award_name_search',
  award_name_words_update: 'AFTER UPDATE ON award_name_search',
  award_name_words_delete: 'AFTER DELETE ON award_name_search',
  award_name_words_truncate: 'AFTER TRUNCATE ON award_name_search',
};

describe('the migrations hold the same triggers, search table and settings rows', () => {
  const sqlite = migrationsText('migrations');
  const pg = migrationsText('migrations-pg');

  it('every trigger of db/migrations is in db/migrations-pg, with the same timing, event and table', () => {
    const sqliteTriggers = triggersOf(sqlite);
    const pgTriggers = triggersOf(pg);
    expect(sqliteTriggers.size).toBeGreaterThanOrEqual(14);
    for (const [name, on] of Object.entries(PG_ONLY_TRIGGERS)) {
      expect(pgTriggers.get(name), name).toBe(on);
      pgTriggers.delete(name);
    }
    expect(Object.fromEntries(pgTriggers)).toEqual(Object.fromEntries(sqliteTriggers));
  });

  it('the refusal message of the audit trail is the same', () => {
    const messages = (texts: string[]) => new Set(texts.join('\n').match(/'audit_events is append-only'/g));
    expect(messages(sqlite)).toEqual(new Set(["'audit_events is append-only'"]));
    expect(messages(pg)).toEqual(messages(sqlite));
  });

  it('the search table has the columns of the FTS5 table', () => {
    const fts = sqlite.join('\n').match(/CREATE VIRTUAL TABLE `award_search` USING fts5\(([^)]*)\)/);
    const columns = fts![1]
      .split(',')
      .map((c) => c.trim())
      .filter((c) => !c.includes('='))
      .map((c) => c.replace(/`/g, ''));
    const table = pg.join('\n').match(/CREATE TABLE award_search \(([^]*?)\n\);/);
    const pgColumns = table![1]
      .split('\n')
      .map((line) => line.trim().match(/^(\w+) text NOT NULL,$/)?.[1])
      .filter(Boolean);
    expect(columns).toEqual(['name', 'unit', 'position', 'summary']);
    expect(pgColumns).toEqual(columns);
  });

  it('seeds the same settings rows', () => {
    const seeded = (texts: string[]) => [...texts.join('\n').matchAll(/INSERT\s+(?:OR\s+IGNORE\s+)?INTO\s+[`"]?settings[`"]?\s*\(key, value\)\s*VALUES\s*\('(\w+)'/gi)].map((m) => m[1]);
    expect(seeded(sqlite)).toEqual(['public_version']);
    expect(seeded(pg)).toEqual(seeded(sqlite));
  });
});
