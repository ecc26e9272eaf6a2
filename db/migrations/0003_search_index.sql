-- Full-text index of public awards (lib/search-index.ts keeps it): one row per award of a published round,
-- rowid = awards.id, every column folded by lib/text.ts fold() (no case, no diacritics, đ → d), because
-- FTS5's remove_diacritics does not fold đ. Rows already in the database are indexed by
-- rebuildSearchIndex() when the start/seed scripts find the index empty.
CREATE VIRTUAL TABLE `award_search` USING fts5(`name`, `unit`, `position`, `summary`, tokenize = 'unicode61 remove_diacritics 0');
