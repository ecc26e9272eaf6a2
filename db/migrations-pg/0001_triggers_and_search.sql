-- Hand-written (drizzle-kit generate --custom): what db/migrations holds outside db/schema.ts, for PostgreSQL.
--   0001_audit_append_only   RAISE(ABORT) triggers      → plpgsql trigger function, same trigger names and message
--                                                         (+ audit_events_no_truncate: TRUNCATE skips row triggers)
--   0003_search_index        FTS5 table award_search    → an ordinary table, a generated tsvector and a GIN index
--   0008/0010_public_version seed row + AFTER triggers  → the same row (ON CONFLICT DO NOTHING) and the same
--                                                         trigger names, deferred to commit, once per transaction
--   0005/0011 table rebuilds, PRAGMA foreign_keys, pragma_foreign_key_check: nothing — 0000_init creates the
--   final shape, PostgreSQL always enforces foreign keys and its DDL is transactional.
-- db/schema-parity.test.ts compares the trigger names with db/migrations; db/migrations-pg.test.ts runs them.

-- The audit trail is append-only: the database itself refuses edits and deletions, with SQLite's message
-- (tests match /append-only/). restrict_violation (23001) is an integrity error, like SQLITE_CONSTRAINT.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint

-- The public-data version (see db/migrations/0008_public_version.sql): a random token that every change to
-- rounds, awards, units or round photos moves in the same transaction, read by every process. 16 hex digits
-- like SQLite's lower(hex(randomblob(8))), from gen_random_uuid() (built in since PostgreSQL 13, strong random).
INSERT INTO settings (key, value) VALUES ('public_version', substr(md5(gen_random_uuid()::text), 1, 16))
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
-- Unlike SQLite, PostgreSQL runs writers side by side, and the settings row is locked from its update to the
-- end of the transaction. So the triggers are deferred constraint triggers: they fire at COMMIT, after the
-- transaction's own work, which keeps the lock on this one hot row to the moment of commit (no deadlock
-- with locks taken later in the transaction, no writer queued behind a long publishing transaction), and a
-- transaction-local flag moves the version once per transaction instead of once per row (a round's
-- publication inserts thousands of awards). Like SQLite's row triggers, they fire only when a row changed.
CREATE FUNCTION public_version_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('vinhdanh.public_version_moved', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('vinhdanh.public_version_moved', 'on', true);
    UPDATE settings SET value = substr(md5(gen_random_uuid()::text), 1, 16) WHERE key = 'public_version';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_rounds_insert AFTER INSERT ON rounds
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_rounds_update AFTER UPDATE ON rounds
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_rounds_delete AFTER DELETE ON rounds
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_awards_insert AFTER INSERT ON awards
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_awards_update AFTER UPDATE ON awards
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_awards_delete AFTER DELETE ON awards
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_units_insert AFTER INSERT ON units
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_units_update AFTER UPDATE ON units
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_units_delete AFTER DELETE ON units
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_round_photos_insert AFTER INSERT ON round_photos
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_round_photos_update AFTER UPDATE ON round_photos
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_version_round_photos_delete AFTER DELETE ON round_photos
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_version_move();
--> statement-breakpoint

-- The full-text index of public awards (SQLite: the FTS5 table award_search, rowid = awards.id). Same columns,
-- each folded by lib/text.ts fold() (no case, no diacritics, đ → d) before it is written, as on SQLite; the
-- row's key is award_id. `document` is what PostgreSQL's full-text search reads: each column cut into the
-- same words FTS5's unicode61 tokenizer yields for folded Vietnamese (runs of [a-z0-9], which is also all a
-- query term can hold, lib/search-index.ts queryTerms), config 'simple' (lower case, no stemming, no stop
-- words), weighted by column — name A, unit B, position C, summary D — so one GIN index answers every tier.
--
-- Intended query (the query side is written later): each FTS5 tier expression of tierExpressions() becomes a
-- tsquery built from the terms (safe to splice: [a-z0-9]+ only) and run through to_tsquery('simple', …):
--   "t"  /  "t"*                     → 't'  /  't':*
--   {name} : "a b"   (phrase)        → 'a':A <-> 'b':A            ({name} : "a b"* → 'a':A <-> 'b':*A)
--   {name} : ("a" "b")               → 'a':A & 'b':A
--   {unit position summary} : "a b"  → 'a':BCD <-> 'b':BCD
--   "a" "b"  (anywhere)              → 'a' & 'b'
--   SELECT s.award_id AS id, ts_rank('{0.1, 0.2, 0.4, 1.0}', s.document, q) AS score, …
--   FROM award_search s JOIN awards a ON a.id = s.award_id JOIN rounds r ON r.id = a.round_id,
--        to_tsquery('simple', $expr) q
--   WHERE s.document @@ q AND <filters> ORDER BY s.award_id DESC LIMIT $limit
-- ts_rank's weights are {D, C, B, A}: bm25(award_search, 10, 4, 2, 1) scaled to 1; a higher rank is better
-- (bm25 is lower-better), so the sort uses -score. Differences from FTS5, both in ranking only: a phrase on
-- unit/position/summary may span two of those columns (their positions are consecutive in `document`), and
-- positions stop at 16383 words (to_tsvector's limit; summaries are far shorter).
--
-- pg_trgm is not used: every query term is a whole word or a word's beginning, which the tsquery prefix
-- (':*') serves from the same GIN index; trigrams would add substring and typo matches FTS5 does not make
-- (different results on the two engines) and a second, larger index. It could earn its place later for the
-- registry's LIKE '%word%' on name_folded (lib/registry.ts), a scan on both engines today.
CREATE TABLE award_search (
  award_id integer PRIMARY KEY REFERENCES awards (id) ON DELETE CASCADE,
  name text NOT NULL,
  unit text NOT NULL,
  position text NOT NULL,
  summary text NOT NULL,
  document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', regexp_replace(name, '[^a-z0-9]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple', regexp_replace(unit, '[^a-z0-9]+', ' ', 'g')), 'B')
    || setweight(to_tsvector('simple', regexp_replace(position, '[^a-z0-9]+', ' ', 'g')), 'C')
    || setweight(to_tsvector('simple', regexp_replace(summary, '[^a-z0-9]+', ' ', 'g')), 'D')
  ) STORED
);
--> statement-breakpoint
CREATE INDEX award_search_document ON award_search USING gin (document);
