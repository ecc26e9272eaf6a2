-- The name index carries what the search ranks its candidates by (SQLite: migration 0018): the name as shown,
-- the decision date, the kind and the ordinal, so a search without filters reads its candidates from the index
-- alone. The index then holds exactly the public awards: an archived round's leave it (lib/workflow.ts).
ALTER TABLE award_name_search ADD COLUMN display_name text, ADD COLUMN decision_date text, ADD COLUMN kind text, ADD COLUMN ordinal integer;
--> statement-breakpoint
-- The words do not change: award_name_words (db/migrations-pg 0006) need not be rewritten.
ALTER TABLE award_name_search DISABLE TRIGGER award_name_words_update;
--> statement-breakpoint
UPDATE award_name_search s SET display_name = a.name, decision_date = r.decision_date, kind = a.nominee_kind, ordinal = a.ordinal
  FROM awards a JOIN rounds r ON r.id = a.round_id WHERE a.id = s.award_id;
--> statement-breakpoint
ALTER TABLE award_name_search ENABLE TRIGGER award_name_words_update;
--> statement-breakpoint
DELETE FROM award_name_search WHERE award_id IN (SELECT a.id FROM awards a JOIN rounds r ON r.id = a.round_id WHERE r.status <> 'published' OR a.revoked_at IS NOT NULL);
--> statement-breakpoint
DELETE FROM award_search WHERE award_id IN (SELECT a.id FROM awards a JOIN rounds r ON r.id = a.round_id WHERE r.status <> 'published' OR a.revoked_at IS NOT NULL);
--> statement-breakpoint
ALTER TABLE award_name_search ALTER COLUMN display_name SET NOT NULL, ALTER COLUMN kind SET NOT NULL, ALTER COLUMN ordinal SET NOT NULL;
