CREATE TABLE `archive_code_history` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`old_code` text NOT NULL,
	`new_code` text NOT NULL,
	`reason` text NOT NULL,
	`changed_by` text,
	`changed_by_name` text NOT NULL,
	`changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_code_history_entity` ON `archive_code_history` (`entity_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `ix_code_history_old` ON `archive_code_history` (`old_code`);