// The tables the app queries. Import tables from here, never from './schema' directly: the engine is
// chosen at run time by DATABASE_URL (issue 16), and this module hands out that engine's table objects,
// typed once (as the SQLite definitions, which db/schema-parity.test.ts proves equal to the PostgreSQL ones).
export * from './schema';
