-- The name index carries what the search ranks its candidates by (lib/search-index.ts): the name as shown (for
-- a query's diacritics), the decision date, the kind and the ordinal — so a search without filters reads its
-- candidates from this index alone, without a lookup of each one's award and round (at a nation's scale about
-- half a search's time). FTS5 cannot add columns: the table is made again and its rows copied, words included.
-- The index then holds exactly the public awards (published rounds, unrevoked): an archived round's leave it
-- (lib/workflow.ts does so from now on).
ALTER TABLE `award_name_search` RENAME TO `award_name_search_old`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `award_name_search` USING fts5(`name` UNINDEXED, `words`, `display_name` UNINDEXED, `decision_date` UNINDEXED, `kind` UNINDEXED, `ordinal` UNINDEXED, tokenize = 'unicode61 remove_diacritics 0 tokenchars ''_''', detail = 'none');
--> statement-breakpoint
INSERT INTO `award_name_search` (rowid, name, words, display_name, decision_date, kind, ordinal)
  SELECT o.rowid, o.name, o.words, a.name, r.decision_date, a.nominee_kind, a.ordinal
  FROM `award_name_search_old` o JOIN awards a ON a.id = o.rowid JOIN rounds r ON r.id = a.round_id
  WHERE r.status = 'published' AND a.revoked_at IS NULL
  ORDER BY o.rowid;
--> statement-breakpoint
DROP TABLE `award_name_search_old`;
--> statement-breakpoint
DELETE FROM `award_search` WHERE rowid IN (SELECT a.id FROM awards a JOIN rounds r ON r.id = a.round_id WHERE r.status <> 'published' OR a.revoked_at IS NOT NULL);
--> statement-breakpoint
INSERT INTO `award_name_search` (`award_name_search`) VALUES ('optimize');
