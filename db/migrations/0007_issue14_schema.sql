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
CREATE INDEX `ix_code_history_old` ON `archive_code_history` (`old_code`);--> statement-breakpoint
CREATE TABLE `station_item_persons` (
	`station_id` text NOT NULL,
	`item_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`station_id`, `item_id`, `person_id`)
);
--> statement-breakpoint
CREATE INDEX `ix_station_item_persons_person` ON `station_item_persons` (`station_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `station_items` (
	`station_id` text NOT NULL,
	`id` text NOT NULL,
	`version` integer NOT NULL,
	`node_id` text NOT NULL,
	`fonds_code` text NOT NULL,
	`category_id` text NOT NULL,
	`category_code` text NOT NULL,
	`year` integer NOT NULL,
	`retention` text NOT NULL,
	`org_code` text NOT NULL,
	`volume_id` text,
	`item_no` integer NOT NULL,
	`archive_code` text NOT NULL,
	`title` text NOT NULL,
	`author` text NOT NULL,
	`doc_number` text NOT NULL,
	`date` text NOT NULL,
	`page_count` integer,
	`security_level` integer NOT NULL,
	`remarks` text NOT NULL,
	`extra` text NOT NULL,
	`person_names` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`deleted_reason` text,
	PRIMARY KEY(`station_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `ix_station_items_code` ON `station_items` (`station_id`,`archive_code`,`security_level`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_station_items_class` ON `station_items` (`station_id`,`category_code`,`year`,`retention`,`org_code`,`security_level`,`deleted_at`);--> statement-breakpoint
CREATE TABLE `station_persons` (
	`station_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`id_number` text,
	PRIMARY KEY(`station_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `ix_station_persons_name` ON `station_persons` (`name`);--> statement-breakpoint
CREATE INDEX `ix_station_persons_idno` ON `station_persons` (`id_number`);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `template_note` text;--> statement-breakpoint
-- Hand-written: fields read as empty were stored with confidence 100 before; an empty read is never sure.
UPDATE `page_fields` SET `confidence` = 0 WHERE trim(`raw`) = '' AND trim(`value`) = '';
