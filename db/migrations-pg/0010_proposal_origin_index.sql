-- Where each award of a decided list was proposed (lib/proposals.ts getProposalView): a few rows, read by award.
-- Written to run again (IF NOT EXISTS), as every migration after the name index's (lib/search-index.test.ts).
CREATE INDEX IF NOT EXISTS "nominations_origin_award" ON "nominations" USING btree ("origin_award_id") WHERE "nominations"."origin_award_id" IS NOT NULL;
