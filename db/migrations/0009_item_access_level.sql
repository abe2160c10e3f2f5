-- items.access_level: the 密级 that guards an item, max(its own level, its volume's or 0),
-- stored so that the grid's covering indexes test clearance without a lookup per row
-- (electron/core/kernel/security-level.ts holds the rule). Kept only by the triggers below:
-- they set access_level alone (no version, no change_log row, no re-firing: none of them
-- fires on an UPDATE OF access_level), and only where it differs.
-- IF EXISTS: a file whose bulk load was killed after dropping indexes still upgrades
-- (the open rebuilds the declared indexes afterwards).
DROP INDEX IF EXISTS `ix_items_code_sec`;--> statement-breakpoint
DROP INDEX IF EXISTS `ix_items_class`;--> statement-breakpoint
DROP INDEX IF EXISTS `ix_items_date_sec`;--> statement-breakpoint
ALTER TABLE `items` ADD `access_level` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `items` SET `access_level` = max(`security_level`, coalesce((SELECT v.`security_level` FROM `volumes` v WHERE v.`id` = `items`.`volume_id`), 0))
	WHERE `access_level` IS NOT max(`security_level`, coalesce((SELECT v.`security_level` FROM `volumes` v WHERE v.`id` = `items`.`volume_id`), 0));--> statement-breakpoint
CREATE INDEX `ix_items_code_sec` ON `items` (`archive_code`,`access_level`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_items_class` ON `items` (`category_id`,`year`,`retention`,`org_code`,`item_no`,`access_level`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `ix_items_date_sec` ON `items` (`date`,`access_level`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TRIGGER `items_access_level_ai` AFTER INSERT ON `items`
	WHEN new.access_level IS NOT max(new.security_level, coalesce((SELECT v.security_level FROM `volumes` v WHERE v.id = new.volume_id), 0))
BEGIN
	UPDATE `items` SET access_level = max(new.security_level, coalesce((SELECT v.security_level FROM `volumes` v WHERE v.id = new.volume_id), 0))
		WHERE rowid = new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `items_access_level_au` AFTER UPDATE OF security_level, volume_id ON `items`
	WHEN new.access_level IS NOT max(new.security_level, coalesce((SELECT v.security_level FROM `volumes` v WHERE v.id = new.volume_id), 0))
BEGIN
	UPDATE `items` SET access_level = max(new.security_level, coalesce((SELECT v.security_level FROM `volumes` v WHERE v.id = new.volume_id), 0))
		WHERE rowid = new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `volumes_access_level_au` AFTER UPDATE OF security_level ON `volumes`
	WHEN new.security_level IS NOT old.security_level
BEGIN
	UPDATE `items` SET access_level = max(security_level, new.security_level)
		WHERE volume_id = new.id AND access_level IS NOT max(security_level, new.security_level);
END;
