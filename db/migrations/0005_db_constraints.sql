PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_nominations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`nominee_kind` text NOT NULL,
	`collective_id` integer,
	`individual_id` integer,
	`unit_id` integer NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`submitted_by` integer,
	`submitted_at` integer,
	`checked_by` integer,
	`checked_at` integer,
	`decided_by` integer,
	`decided_at` integer,
	`vote_for` integer,
	`vote_against` integer,
	`vote_total` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`collective_id`) REFERENCES `collectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`individual_id`) REFERENCES `individuals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "nominations_one_nominee" CHECK(("__new_nominations"."nominee_kind" = 'collective' AND "__new_nominations"."collective_id" IS NOT NULL AND "__new_nominations"."individual_id" IS NULL)
       OR ("__new_nominations"."nominee_kind" = 'individual' AND "__new_nominations"."individual_id" IS NOT NULL AND "__new_nominations"."collective_id" IS NULL)),
	CONSTRAINT "nominations_status_value" CHECK("__new_nominations"."status" IN ('draft', 'submitted', 'returned', 'checked', 'approved', 'rejected'))
);
--> statement-breakpoint
INSERT INTO `__new_nominations`("id", "round_id", "nominee_kind", "collective_id", "individual_id", "unit_id", "summary", "status", "created_by", "submitted_by", "submitted_at", "checked_by", "checked_at", "decided_by", "decided_at", "vote_for", "vote_against", "vote_total", "created_at", "updated_at") SELECT "id", "round_id", "nominee_kind", "collective_id", "individual_id", "unit_id", "summary", "status", "created_by", "submitted_by", "submitted_at", "checked_by", "checked_at", "decided_by", "decided_at", "vote_for", "vote_against", "vote_total", "created_at", "updated_at" FROM `nominations`;--> statement-breakpoint
DROP TABLE `nominations`;--> statement-breakpoint
ALTER TABLE `__new_nominations` RENAME TO `nominations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `nominations_round_individual` ON `nominations` (`round_id`,`individual_id`) WHERE "nominations"."individual_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `nominations_round_collective` ON `nominations` (`round_id`,`collective_id`) WHERE "nominations"."collective_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `nominations_round_status` ON `nominations` (`round_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `nominations_status` ON `nominations` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `nominations_unit` ON `nominations` (`unit_id`);--> statement-breakpoint
CREATE INDEX `nominations_collective` ON `nominations` (`collective_id`);--> statement-breakpoint
CREATE INDEX `nominations_individual` ON `nominations` (`individual_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `signoffs_standing` ON `signoffs` (`round_id`) WHERE "signoffs"."withdrawn_at" IS NULL;--> statement-breakpoint
CREATE TABLE `__new_awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`round_id` integer NOT NULL,
	`nomination_id` integer NOT NULL,
	`nominee_kind` text NOT NULL,
	`collective_id` integer,
	`individual_id` integer,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`position` text,
	`unit_id` integer NOT NULL,
	`unit_name` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`gender` text,
	`party_member` integer,
	`revoked_at` integer,
	`revoked_by` integer,
	`revoke_reason` text,
	`revoke_decision` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nomination_id`) REFERENCES `nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`collective_id`) REFERENCES `collectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`individual_id`) REFERENCES `individuals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "awards_one_nominee" CHECK(("__new_awards"."nominee_kind" = 'collective' AND "__new_awards"."collective_id" IS NOT NULL AND "__new_awards"."individual_id" IS NULL)
       OR ("__new_awards"."nominee_kind" = 'individual' AND "__new_awards"."individual_id" IS NOT NULL AND "__new_awards"."collective_id" IS NULL)),
	CONSTRAINT "awards_gender" CHECK("__new_awards"."gender" IN ('male', 'female', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_awards`("id", "public_id", "round_id", "nomination_id", "nominee_kind", "collective_id", "individual_id", "ordinal", "name", "position", "unit_id", "unit_name", "summary", "gender", "party_member", "revoked_at", "revoked_by", "revoke_reason", "revoke_decision", "created_at") SELECT "id", "public_id", "round_id", "nomination_id", "nominee_kind", "collective_id", "individual_id", "ordinal", "name", "position", "unit_id", "unit_name", "summary", "gender", "party_member", "revoked_at", "revoked_by", "revoke_reason", "revoke_decision", "created_at" FROM `awards`;--> statement-breakpoint
DROP TABLE `awards`;--> statement-breakpoint
ALTER TABLE `__new_awards` RENAME TO `awards`;--> statement-breakpoint
CREATE UNIQUE INDEX `awards_public_id` ON `awards` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `awards_nomination` ON `awards` (`nomination_id`);--> statement-breakpoint
CREATE INDEX `awards_round` ON `awards` (`round_id`,`nominee_kind`,`ordinal`);--> statement-breakpoint
CREATE INDEX `awards_live` ON `awards` (`round_id`,`nominee_kind`,`revoked_at`) WHERE "awards"."revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX `awards_unit` ON `awards` (`unit_id`);--> statement-breakpoint
CREATE INDEX `awards_individual` ON `awards` (`individual_id`);--> statement-breakpoint
CREATE INDEX `awards_collective` ON `awards` (`collective_id`);--> statement-breakpoint
CREATE TABLE `__new_collectives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `collectives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "collectives_kind" CHECK("__new_collectives"."kind" IN ('party_committee', 'people_committee', 'ward', 'department', 'mass_org', 'school', 'quarter', 'party_cell', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_collectives`("id", "name", "name_folded", "unit_id", "kind", "active", "merged_into_id", "created_at") SELECT "id", "name", "name_folded", "unit_id", "kind", "active", "merged_into_id", "created_at" FROM `collectives`;--> statement-breakpoint
DROP TABLE `collectives`;--> statement-breakpoint
ALTER TABLE `__new_collectives` RENAME TO `collectives`;--> statement-breakpoint
CREATE INDEX `collectives_unit` ON `collectives` (`unit_id`);--> statement-breakpoint
CREATE INDEX `collectives_folded` ON `collectives` (`name_folded`);--> statement-breakpoint
CREATE TABLE `__new_individuals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`name_folded` text NOT NULL,
	`gender` text,
	`birth_year` integer,
	`position` text,
	`unit_id` integer NOT NULL,
	`party_member` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `individuals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "individuals_gender" CHECK("__new_individuals"."gender" IN ('male', 'female', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_individuals`("id", "full_name", "name_folded", "gender", "birth_year", "position", "unit_id", "party_member", "active", "merged_into_id", "created_at") SELECT "id", "full_name", "name_folded", "gender", "birth_year", "position", "unit_id", "party_member", "active", "merged_into_id", "created_at" FROM `individuals`;--> statement-breakpoint
DROP TABLE `individuals`;--> statement-breakpoint
ALTER TABLE `__new_individuals` RENAME TO `individuals`;--> statement-breakpoint
CREATE INDEX `individuals_unit` ON `individuals` (`unit_id`);--> statement-breakpoint
CREATE INDEX `individuals_folded` ON `individuals` (`name_folded`);--> statement-breakpoint
CREATE TABLE `__new_nomination_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nomination_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`kind` text DEFAULT 'comment' NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`nomination_id`) REFERENCES `nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "nomination_comments_kind" CHECK("__new_nomination_comments"."kind" IN ('comment', 'return', 'reply', 'note'))
);
--> statement-breakpoint
INSERT INTO `__new_nomination_comments`("id", "nomination_id", "author_id", "kind", "body", "created_at") SELECT "id", "nomination_id", "author_id", "kind", "body", "created_at" FROM `nomination_comments`;--> statement-breakpoint
DROP TABLE `nomination_comments`;--> statement-breakpoint
ALTER TABLE `__new_nomination_comments` RENAME TO `nomination_comments`;--> statement-breakpoint
CREATE INDEX `nomination_comments_nomination` ON `nomination_comments` (`nomination_id`);--> statement-breakpoint
CREATE TABLE `__new_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`theme` text NOT NULL,
	`period` text NOT NULL,
	`authority` text NOT NULL,
	`award_form` text NOT NULL,
	`criteria` text DEFAULT '' NOT NULL,
	`unit_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`source` text DEFAULT 'workflow' NOT NULL,
	`window_opens_at` integer,
	`window_closes_at` integer,
	`quota_collectives` integer,
	`quota_individuals` integer,
	`consultation` integer DEFAULT false NOT NULL,
	`consultation_days` integer,
	`consultation_ends_at` integer,
	`decision_number` text,
	`decision_date` text,
	`decision_signer` text,
	`decision_place` text,
	`decided_at` integer,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rounds_status_value" CHECK("__new_rounds"."status" IN ('draft', 'open', 'reviewing', 'decided', 'published', 'archived')),
	CONSTRAINT "rounds_source" CHECK("__new_rounds"."source" IN ('workflow', 'archive'))
);
--> statement-breakpoint
INSERT INTO `__new_rounds`("id", "slug", "title", "theme", "period", "authority", "award_form", "criteria", "unit_id", "status", "source", "window_opens_at", "window_closes_at", "quota_collectives", "quota_individuals", "consultation", "consultation_days", "consultation_ends_at", "decision_number", "decision_date", "decision_signer", "decision_place", "decided_at", "published_at", "created_at", "updated_at") SELECT "id", "slug", "title", "theme", "period", "authority", "award_form", "criteria", "unit_id", "status", "source", "window_opens_at", "window_closes_at", "quota_collectives", "quota_individuals", "consultation", "consultation_days", "consultation_ends_at", "decision_number", "decision_date", "decision_signer", "decision_place", "decided_at", "published_at", "created_at", "updated_at" FROM `rounds`;--> statement-breakpoint
DROP TABLE `rounds`;--> statement-breakpoint
ALTER TABLE `__new_rounds` RENAME TO `rounds`;--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_slug` ON `rounds` (`slug`);--> statement-breakpoint
CREATE INDEX `rounds_status` ON `rounds` (`status`);--> statement-breakpoint
CREATE TABLE `__new_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`kind` text NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "units_kind" CHECK("__new_units"."kind" IN ('party_committee', 'people_committee', 'ward', 'department', 'mass_org', 'school', 'quarter', 'party_cell', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_units`("id", "slug", "name", "short_name", "kind", "parent_id", "path", "active", "merged_into_id", "created_at") SELECT "id", "slug", "name", "short_name", "kind", "parent_id", "path", "active", "merged_into_id", "created_at" FROM `units`;--> statement-breakpoint
DROP TABLE `units`;--> statement-breakpoint
ALTER TABLE `__new_units` RENAME TO `units`;--> statement-breakpoint
CREATE UNIQUE INDEX `units_slug` ON `units` (`slug`);--> statement-breakpoint
CREATE INDEX `units_parent` ON `units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `units_path` ON `units` (`path`);--> statement-breakpoint
CREATE TABLE `__new_user_roles` (
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "user_roles_role" CHECK("__new_user_roles"."role" IN ('officer', 'reviewer', 'approver', 'admin'))
);
--> statement-breakpoint
INSERT INTO `__new_user_roles`("user_id", "role") SELECT "user_id", "role" FROM `user_roles`;--> statement-breakpoint
DROP TABLE `user_roles`;--> statement-breakpoint
ALTER TABLE `__new_user_roles` RENAME TO `user_roles`;--> statement-breakpoint
-- Hand-written. The rebuilds above run with foreign keys off (db/connection.ts migrateDatabase turns them off
-- outside the migrator's transaction); commit only if every reference still holds.
CREATE TEMP TABLE `_fk_violations` (`n` integer NOT NULL CHECK (`n` = 0));
--> statement-breakpoint
INSERT INTO `_fk_violations` SELECT count(*) FROM pragma_foreign_key_check;
--> statement-breakpoint
DROP TABLE `_fk_violations`;
