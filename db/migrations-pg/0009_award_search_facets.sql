-- Custom SQL migration file, put your code below! --
-- The public search's filters as lexemes of the search indexes (PostgreSQL only; SQLite's FTS5 search with a filter
-- takes 20–30 ms at a nation's scale as it is). A search with a kind, year or unit filter joined every award
-- holding the words to its award and round before testing the filter: 0.3–0.6 s warm for common words at a
-- nation's scale ("nguyen van an": 21,821 awards), seconds cold. `facets` holds, for each indexed award, its kind
-- ("kindividual", "kcollective"), the year of its decision ("y2024") and its unit and every unit above it
-- ("u1 u5 u77" for the path /1/5/77/), so that a filter is a tsquery the GIN index answers with the words, and
-- the newest awards can be walked testing both without a join (lib/search-index.ts). Kind and year never change
-- once an award is public (the decision is recorded before publication); a unit's ancestors change when a unit is
-- moved or merged, and lib/units.ts rewrites the facets of the awards below it in the same transaction.
CREATE OR REPLACE FUNCTION award_search_facets(kind text, decision_date text, path text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT strip(to_tsvector('simple', 'k' || kind || ' y' || coalesce(substr(decision_date, 1, 4), '0') || ' u' || replace(trim(both '/' from path), '/', ' u'))) $$;
--> statement-breakpoint
-- One GIN index of the words and the filters (same name as before, db/migrations-pg 0001): a narrow filter's few
-- awards are matched against the words' long lists inside one index scan, where two indexes each made a bitmap of
-- every match ("nguyen van an" in a commune: 64 → 10 ms). Dropped first, so that the rows written below add nothing to it.
DROP INDEX IF EXISTS award_search_document;
--> statement-breakpoint
ALTER TABLE award_search ADD COLUMN IF NOT EXISTS facets tsvector NOT NULL DEFAULT ''::tsvector;
--> statement-breakpoint
UPDATE award_search s SET facets = award_search_facets(a.nominee_kind, r.decision_date, u.path)
  FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id WHERE a.id = s.award_id;
--> statement-breakpoint
-- The rows again in the awards' order, without the old versions: the searches walk the newest awards.
CLUSTER award_search USING award_search_pkey;
--> statement-breakpoint
CREATE INDEX award_search_document ON award_search USING gin (document, facets);
--> statement-breakpoint
-- The name index likewise: a filtered search's names passes joined every name holding the words to its award and
-- round before testing the filter ("tran", individuals of 2022: 0.6 s at a nation's scale).
DROP INDEX IF EXISTS award_name_search_words;
--> statement-breakpoint
ALTER TABLE award_name_search ADD COLUMN IF NOT EXISTS facets tsvector NOT NULL DEFAULT ''::tsvector;
--> statement-breakpoint
-- The words do not change: award_name_words (db/migrations-pg 0006) need not be rewritten.
ALTER TABLE award_name_search DISABLE TRIGGER award_name_words_update;
--> statement-breakpoint
UPDATE award_name_search s SET facets = award_search_facets(a.nominee_kind, r.decision_date, u.path)
  FROM awards a JOIN rounds r ON r.id = a.round_id JOIN units u ON u.id = a.unit_id WHERE a.id = s.award_id;
--> statement-breakpoint
ALTER TABLE award_name_search ENABLE TRIGGER award_name_words_update;
--> statement-breakpoint
CLUSTER award_name_search USING award_name_search_pkey;
--> statement-breakpoint
CREATE INDEX award_name_search_words ON award_name_search USING gin (words, facets);
--> statement-breakpoint
ANALYZE award_search;
--> statement-breakpoint
ANALYZE award_name_search;
