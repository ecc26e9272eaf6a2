CREATE TABLE `council_sittings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`place` text NOT NULL,
	`chair` text NOT NULL,
	`secretary` text NOT NULL,
	`members_present` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_sittings_round` ON `council_sittings` (`round_id`);--> statement-breakpoint
CREATE TABLE `signoff_entries` (
	`signoff_id` integer NOT NULL,
	`nomination_id` integer NOT NULL,
	`nominee_kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`collective_id` integer,
	`individual_id` integer,
	`name` text NOT NULL,
	`position` text,
	`unit_id` integer NOT NULL,
	`unit_name` text NOT NULL,
	`gender` text,
	`birth_year` integer,
	`party_member` integer,
	`summary` text NOT NULL,
	PRIMARY KEY(`signoff_id`, `nominee_kind`, `ordinal`),
	FOREIGN KEY (`signoff_id`) REFERENCES `signoffs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nomination_id`) REFERENCES `nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`collective_id`) REFERENCES `collectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`individual_id`) REFERENCES `individuals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `awards` ADD `birth_year` integer;--> statement-breakpoint
ALTER TABLE `nominations` ADD `vote_abstain` integer;--> statement-breakpoint
ALTER TABLE `nominations` ADD `sitting_id` integer REFERENCES council_sittings(id);--> statement-breakpoint
CREATE INDEX `nominations_sitting` ON `nominations` (`sitting_id`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `council_members` integer DEFAULT 9 NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `council_quorum` integer;--> statement-breakpoint
ALTER TABLE `rounds` ADD `council_rule` text DEFAULT 'more_than_half' NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `council_basis` text DEFAULT '' NOT NULL;