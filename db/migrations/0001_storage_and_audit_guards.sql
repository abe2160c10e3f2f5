-- Custom migration (drizzle-kit cannot express these).
-- 1. item_persons as a WITHOUT ROWID table: the link is its own key, so one B-tree
--    instead of a rowid table plus a primary-key index (a million links load faster).
CREATE TABLE `item_persons_new` (
	`item_id` text NOT NULL REFERENCES `items`(`id`),
	`person_id` text NOT NULL REFERENCES `persons`(`id`),
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`item_id`, `person_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `item_persons_new` (`item_id`, `person_id`, `position`) SELECT `item_id`, `person_id`, `position` FROM `item_persons`;
--> statement-breakpoint
DROP TABLE `item_persons`;
--> statement-breakpoint
ALTER TABLE `item_persons_new` RENAME TO `item_persons`;
--> statement-breakpoint
CREATE INDEX `ix_item_persons_person` ON `item_persons` (`person_id`);
--> statement-breakpoint
-- 2. The audit log is append-only for the application: updates and deletes abort.
--    (Someone editing the file with other tools can drop these; the hash chain is what
--    detects that, and `dangan audit verify` reports it.)
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;
