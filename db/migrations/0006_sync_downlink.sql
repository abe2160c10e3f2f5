CREATE TABLE `sync_downlinks_in` (
	`seq` integer PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`prev_bundle_id` text NOT NULL,
	`issued_at` text NOT NULL,
	`summary` text NOT NULL,
	`applied_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_downlinks_in_bundle_id_unique` ON `sync_downlinks_in` (`bundle_id`);--> statement-breakpoint
CREATE TABLE `sync_downlinks_out` (
	`station_id` text NOT NULL,
	`seq` integer NOT NULL,
	`bundle_id` text,
	`prev_bundle_id` text NOT NULL,
	`prev_seq` integer NOT NULL,
	`status` text NOT NULL,
	`dir_name` text NOT NULL,
	`categories` integer NOT NULL,
	`templates` integer NOT NULL,
	`trust_version` integer NOT NULL,
	`error` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`station_id`, `seq`)
);
--> statement-breakpoint
ALTER TABLE `search_docs` ADD `station_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `ix_station_records_page_text_item` ON `station_records` (`station_id`, json_extract(`fields`, '$.fields.item_id')) WHERE `entity` = 'page_text';
