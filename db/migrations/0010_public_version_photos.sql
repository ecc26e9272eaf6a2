-- A round's ceremony photos show on its public page (and in its Open Graph preview): adding, changing or removing
-- one moves the public-data version like a change to rounds, awards or units (0008_public_version).
CREATE TRIGGER public_version_round_photos_insert AFTER INSERT ON round_photos
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_round_photos_update AFTER UPDATE ON round_photos
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
--> statement-breakpoint
CREATE TRIGGER public_version_round_photos_delete AFTER DELETE ON round_photos
BEGIN
  UPDATE settings SET value = lower(hex(randomblob(8))) WHERE key = 'public_version';
END;
