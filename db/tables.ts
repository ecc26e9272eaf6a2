// The tables the app queries. Import tables from here, never from './schema' directly: the engine is
// chosen at run time by DATABASE_URL (db/engine.ts), and this module hands out that engine's table objects.
// They are typed once, as the SQLite definitions; db/schema-parity.test.ts proves the PostgreSQL ones equal
// (same tables, columns, JS types), and that every table of db/schema.pg.ts is switched here.
import * as sqlite from './schema';
import * as postgres from './schema.pg';
import { ENGINE } from './engine';

export * from './schema';

const pg = ENGINE === 'postgres';
const pick = <T>(sqliteTable: T, pgTable: unknown): T => (pg ? (pgTable as T) : sqliteTable);

export const units = pick(sqlite.units, postgres.units);
export const unitNames = pick(sqlite.unitNames, postgres.unitNames);
export const collectives = pick(sqlite.collectives, postgres.collectives);
export const individuals = pick(sqlite.individuals, postgres.individuals);
export const users = pick(sqlite.users, postgres.users);
export const userRoles = pick(sqlite.userRoles, postgres.userRoles);
export const rounds = pick(sqlite.rounds, postgres.rounds);
export const roundPhotos = pick(sqlite.roundPhotos, postgres.roundPhotos);
export const roundQuotas = pick(sqlite.roundQuotas, postgres.roundQuotas);
export const signoffs = pick(sqlite.signoffs, postgres.signoffs);
export const signoffEntries = pick(sqlite.signoffEntries, postgres.signoffEntries);
export const councilSittings = pick(sqlite.councilSittings, postgres.councilSittings);
export const proposals = pick(sqlite.proposals, postgres.proposals);
export const nominations = pick(sqlite.nominations, postgres.nominations);
export const nominationComments = pick(sqlite.nominationComments, postgres.nominationComments);
export const attachments = pick(sqlite.attachments, postgres.attachments);
export const awards = pick(sqlite.awards, postgres.awards);
export const feedback = pick(sqlite.feedback, postgres.feedback);
export const auditEvents = pick(sqlite.auditEvents, postgres.auditEvents);
export const settings = pick(sqlite.settings, postgres.settings);
export const signInFailures = pick(sqlite.signInFailures, postgres.signInFailures);
export const endedSessions = pick(sqlite.endedSessions, postgres.endedSessions);
export const yearlyRecords = pick(sqlite.yearlyRecords, postgres.yearlyRecords);
export const eligibilityRules = pick(sqlite.eligibilityRules, postgres.eligibilityRules);
