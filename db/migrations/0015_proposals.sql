CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_round_id` integer,
	`to_round_id` integer NOT NULL,
	`origin_authority` text NOT NULL,
	`origin_unit` text NOT NULL,
	`origin_round` text NOT NULL,
	`decision_number` text,
	`decision_date` text,
	`manifest_sha256` text,
	`proposed_by` integer NOT NULL,
	`proposed_at` integer NOT NULL,
	FOREIGN KEY (`from_round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposals_to_round` ON `proposals` (`to_round_id`);--> statement-breakpoint
CREATE INDEX `proposals_from_round` ON `proposals` (`from_round_id`);--> statement-breakpoint
ALTER TABLE `nominations` ADD `proposal_id` integer REFERENCES proposals(id);--> statement-breakpoint
ALTER TABLE `nominations` ADD `origin_award_id` integer REFERENCES awards(id);--> statement-breakpoint
ALTER TABLE `nominations` ADD `origin_ref` text;--> statement-breakpoint
CREATE INDEX `nominations_proposal` ON `nominations` (`proposal_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `nominations_round_origin` ON `nominations` (`round_id`,`origin_ref`) WHERE "nominations"."origin_ref" IS NOT NULL;