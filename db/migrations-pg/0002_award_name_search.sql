-- The names alone, in an index of their own (SQLite: migration 0014, the FTS5 table award_name_search): the
-- folded name, and its words plus each pair of neighbouring words as one word, so the words typed in order
-- are found through their rare pairs instead of every award holding the common words. PostgreSQL's parser
-- cuts words at '_', so a pair is written with '0' between its words ("ho0minh"): runs of [a-z0-9] stay one
-- lexeme. No positions are needed (setweight/phrase are not used here), so the GIN index stays small.
CREATE TABLE award_name_search (
  award_id integer PRIMARY KEY REFERENCES awards (id) ON DELETE CASCADE,
  name text NOT NULL,
  words tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX award_name_search_words ON award_name_search USING gin (words);
