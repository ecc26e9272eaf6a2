-- Custom SQL migration file, put your code below! --
-- Names found by any part of them (lib/registry.ts, lib/nominations.ts' name search and nominee search: each word
-- typed is `name_folded LIKE '%word%'`): PostgreSQL read all of a nation's million names for each search (2.4 s
-- for a name nobody has). A trigram index gives the rows holding every word's trigrams, words of three letters or
-- more (pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may create it).
-- PostgreSQL only: SQLite scans its folded names (0.3 s at that scale).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS individuals_folded_trgm ON individuals USING gin (name_folded gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS collectives_folded_trgm ON collectives USING gin (name_folded gin_trgm_ops);
