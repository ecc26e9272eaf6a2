-- Custom SQL migration file, put your code below! --
-- The name index's words as rows (word, award id), in a B-tree: the newest awards whose name has a word are the
-- end of that word's range, read backwards and stopped at the limit, the way FTS5 reads its doclists on SQLite.
-- The GIN index of award_name_search cannot do that: it returns every match unordered, and the planner's other
-- way — walking award_name_search's key backwards testing each row's tsvector — reads ~1.45 M / (matches) rows
-- per result, hundreds of milliseconds for a pair of a few thousand names ("thanh0thuy"). lib/search-index.ts
-- reads it for the names passes of whole words. PostgreSQL only (SQLite's FTS5 tables need no such thing).
-- Kept in step with award_name_search by the statement triggers below: whoever writes award_name_search
-- (lib/search-index.ts, a cascade from awards, bench/to-postgres.ts) leaves the words right.
CREATE TABLE award_name_words (
  word text NOT NULL,
  award_id integer NOT NULL
);
--> statement-breakpoint
INSERT INTO award_name_words (word, award_id) SELECT w, award_id FROM award_name_search, unnest(tsvector_to_array(words)) AS w;
--> statement-breakpoint
ALTER TABLE award_name_words ADD PRIMARY KEY (word, award_id);
--> statement-breakpoint
-- A nation's names have a couple of thousand distinct words and pairs: most of them get their own frequency.
ALTER TABLE award_name_words ALTER COLUMN word SET STATISTICS 1000;
--> statement-breakpoint
ANALYZE award_name_words;
--> statement-breakpoint
CREATE FUNCTION award_name_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM award_name_words w USING (SELECT o.award_id, unnest(tsvector_to_array(o.words)) AS word FROM old_rows o) d
      WHERE w.word = d.word AND w.award_id = d.award_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO award_name_words (word, award_id) SELECT w, n.award_id FROM new_rows n, unnest(tsvector_to_array(n.words)) AS w;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER award_name_words_insert AFTER INSERT ON award_name_search REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION award_name_words_sync();
--> statement-breakpoint
CREATE TRIGGER award_name_words_update AFTER UPDATE ON award_name_search REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION award_name_words_sync();
--> statement-breakpoint
CREATE TRIGGER award_name_words_delete AFTER DELETE ON award_name_search REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION award_name_words_sync();
--> statement-breakpoint
-- TRUNCATE fires no DELETE trigger: it empties the words too.
CREATE FUNCTION award_name_words_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE award_name_words;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER award_name_words_truncate AFTER TRUNCATE ON award_name_search FOR EACH STATEMENT EXECUTE FUNCTION award_name_words_truncate();
