CREATE TABLE `ended_sessions` (
	`sid` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ended_sessions_expires` ON `ended_sessions` (`expires_at`);--> statement-breakpoint
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
	`vote_abstain` integer,
	`sitting_id` integer,
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
	FOREIGN KEY (`sitting_id`) REFERENCES `council_sittings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "nominations_one_nominee" CHECK(("__new_nominations"."nominee_kind" = 'collective' AND "__new_nominations"."collective_id" IS NOT NULL AND "__new_nominations"."individual_id" IS NULL)
       OR ("__new_nominations"."nominee_kind" = 'individual' AND "__new_nominations"."individual_id" IS NOT NULL AND "__new_nominations"."collective_id" IS NULL)),
	CONSTRAINT "nominations_status_value" CHECK("__new_nominations"."status" IN ('draft', 'submitted', 'returned', 'checked', 'approved', 'rejected', 'withdrawn', 'excluded'))
);
--> statement-breakpoint
INSERT INTO `__new_nominations`("id", "round_id", "nominee_kind", "collective_id", "individual_id", "unit_id", "summary", "status", "created_by", "submitted_by", "submitted_at", "checked_by", "checked_at", "decided_by", "decided_at", "vote_for", "vote_against", "vote_total", "vote_abstain", "sitting_id", "created_at", "updated_at") SELECT "id", "round_id", "nominee_kind", "collective_id", "individual_id", "unit_id", "summary", "status", "created_by", "submitted_by", "submitted_at", "checked_by", "checked_at", "decided_by", "decided_at", "vote_for", "vote_against", "vote_total", "vote_abstain", "sitting_id", "created_at", "updated_at" FROM `nominations`;--> statement-breakpoint
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
CREATE INDEX `nominations_sitting` ON `nominations` (`sitting_id`);