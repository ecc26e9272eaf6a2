-- The public-data version: a random token that every change to what public pages show moves, in the same
-- transaction as the change (these triggers), so every server process sees a write by any other at once.
-- Public pages are cached per version (lib/page-cache-handler.mjs). Random, not a counter: a restored
-- backup or a fresh database never repeats the version of other data.
INSERT OR IGNORE INTO settings (key, value) VALUES ('public_version', lower(hex(randomblob(8))));
--> statement-breakpoint
CREATE TRIGGER public_version_rounds_insert AFTER INSERT ON rounds
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_rounds_update AFTER UPDATE ON rounds
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_rounds_delete AFTER DELETE ON rounds
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_awards_insert AFTER INSERT ON awards
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_awards_update AFTER UPDATE ON awards
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_awards_delete AFTER DELETE ON awards
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_units_insert AFTER INSERT ON units
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_units_update AFTER UPDATE ON units
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_units_delete AFTER DELETE ON units
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
