-- Lookups of a person or collective by unit and folded name (imports, duplicate warnings) use one index
-- instead of scanning the unit: a 50,000-row import spent most of its 48 s there.
DROP INDEX `collectives_unit`;--> statement-breakpoint
CREATE INDEX `collectives_unit` ON `collectives` (`unit_id`,`name_folded`);--> statement-breakpoint
DROP INDEX `individuals_unit`;--> statement-breakpoint
CREATE INDEX `individuals_unit` ON `individuals` (`unit_id`,`name_folded`);