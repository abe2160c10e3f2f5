CREATE TABLE `appraisal_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`archive_code` text NOT NULL,
	`title` text NOT NULL,
	`round` text NOT NULL,
	`decision` text NOT NULL,
	`new_retention` text,
	`keep_until_year` integer,
	`reason` text DEFAULT '' NOT NULL,
	`decided_by` text NOT NULL,
	`decided_by_name` text NOT NULL,
	`decided_at` text NOT NULL,
	`list_id` text
);
--> statement-breakpoint
CREATE INDEX `ix_appraisal_decisions_entity` ON `appraisal_decisions` (`entity`,`entity_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `ix_appraisal_decisions_list` ON `appraisal_decisions` (`list_id`);--> statement-breakpoint
CREATE TABLE `destruction_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`list_no` text NOT NULL,
	`round` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`created_at` text NOT NULL,
	`approval_signature_id` text,
	`approved_by_name` text,
	`approved_at` text,
	`executed_by` text,
	`executed_by_name` text,
	`executed_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`approval_signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_destruction_lists_status` ON `destruction_lists` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `destruction_tombstones` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`list_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`archive_code` text NOT NULL,
	`title` text NOT NULL,
	`year` integer NOT NULL,
	`retention` text NOT NULL,
	`dates` text DEFAULT '' NOT NULL,
	`page_count` integer,
	`approval_signature_id` text NOT NULL,
	`approved_by_name` text NOT NULL,
	`approved_at` text NOT NULL,
	`executed_by_name` text NOT NULL,
	`destroyed_at` text NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `destruction_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approval_signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_destruction_tombstones_entity` ON `destruction_tombstones` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `ix_tombstones_list` ON `destruction_tombstones` (`list_id`);--> statement-breakpoint
CREATE TABLE `legal_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`reason` text NOT NULL,
	`placed_by` text NOT NULL,
	`placed_by_name` text NOT NULL,
	`placed_at` text NOT NULL,
	`released_by` text,
	`released_at` text
);
--> statement-breakpoint
CREATE INDEX `ix_legal_holds_live` ON `legal_holds` (`entity`,`entity_id`) WHERE released_at IS NULL;--> statement-breakpoint
CREATE TABLE `opening_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`archive_code` text NOT NULL,
	`title` text NOT NULL,
	`result` text NOT NULL,
	`reason` text NOT NULL,
	`disclosure` text DEFAULT '' NOT NULL,
	`reviewer_id` text NOT NULL,
	`reviewer_name` text NOT NULL,
	`signature_id` text NOT NULL,
	`reviewed_at` text NOT NULL,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_opening_reviews_entity` ON `opening_reviews` (`entity`,`entity_id`,`reviewed_at`);--> statement-breakpoint
CREATE TABLE `security_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`archive_code` text NOT NULL,
	`old_level` integer NOT NULL,
	`new_level` integer NOT NULL,
	`kind` text NOT NULL,
	`effective_date` text NOT NULL,
	`reason` text NOT NULL,
	`approver_id` text NOT NULL,
	`approver_name` text NOT NULL,
	`signature_id` text NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_security_changes_entity` ON `security_changes` (`entity`,`entity_id`,`changed_at`);