CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`finished_at` text,
	`result` text,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`clearance` integer DEFAULT 0 NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_users_username` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`parent_id` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`default_retention` text NOT NULL,
	`arrangement` text NOT NULL,
	`code_template` text NOT NULL,
	`volume_code_template` text NOT NULL,
	`fields` text DEFAULT '[]' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `ix_categories_parent` ON `categories` (`parent_id`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`signature` text PRIMARY KEY NOT NULL,
	`category_id` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `item_persons` (
	`item_id` text NOT NULL,
	`person_id` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`item_id`, `person_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_item_persons_person` ON `item_persons` (`person_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`fonds_code` text NOT NULL,
	`category_id` text NOT NULL,
	`category_code` text NOT NULL,
	`year` integer NOT NULL,
	`retention` text NOT NULL,
	`org_code` text DEFAULT '' NOT NULL,
	`volume_id` text,
	`item_no` integer NOT NULL,
	`archive_code` text NOT NULL,
	`title` text NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`doc_number` text DEFAULT '' NOT NULL,
	`date` text DEFAULT '' NOT NULL,
	`page_count` integer,
	`security_level` integer DEFAULT 0 NOT NULL,
	`remarks` text DEFAULT '' NOT NULL,
	`extra` text DEFAULT '{}' NOT NULL,
	`person_names` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`deleted_by` text,
	`deleted_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_items_code` ON `items` (`archive_code`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_items_code_sec` ON `items` (`archive_code`,`security_level`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_items_class` ON `items` (`category_id`,`year`,`retention`,`org_code`,`item_no`,`security_level`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `ix_items_date_sec` ON `items` (`date`,`security_level`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_items_volume` ON `items` (`volume_id`) WHERE volume_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`id_number` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_persons_idno` ON `persons` (`id_number`) WHERE id_number IS NOT NULL;--> statement-breakpoint
CREATE INDEX `ix_persons_name` ON `persons` (`name`);--> statement-breakpoint
CREATE TABLE `volumes` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`fonds_code` text NOT NULL,
	`category_id` text NOT NULL,
	`category_code` text NOT NULL,
	`year` integer NOT NULL,
	`retention` text NOT NULL,
	`org_code` text DEFAULT '' NOT NULL,
	`volume_no` integer NOT NULL,
	`archive_code` text NOT NULL,
	`title` text NOT NULL,
	`start_date` text DEFAULT '' NOT NULL,
	`end_date` text DEFAULT '' NOT NULL,
	`security_level` integer DEFAULT 0 NOT NULL,
	`remarks` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`deleted_by` text,
	`deleted_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_volumes_code` ON `volumes` (`archive_code`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_volumes_class` ON `volumes` (`category_id`,`year`,`retention`,`org_code`,`volume_no`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`ts` text NOT NULL,
	`actor_id` text,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`summary` text NOT NULL,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_audit_actor` ON `audit_log` (`actor_name`);--> statement-breakpoint
CREATE INDEX `ix_audit_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`version` integer NOT NULL,
	`op` text NOT NULL,
	`node_id` text NOT NULL,
	`ts` text NOT NULL
);
