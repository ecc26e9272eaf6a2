ALTER TABLE `feedback` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `feedback` ADD `hidden_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `feedback` ADD `hidden_reason` text;--> statement-breakpoint
CREATE INDEX `feedback_round_time` ON `feedback` (`round_id`,`created_at`);