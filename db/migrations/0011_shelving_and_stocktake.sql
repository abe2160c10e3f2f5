CREATE TABLE `box_contents` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`box_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`),
	FOREIGN KEY (`box_id`) REFERENCES `boxes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_box_contents_box` ON `box_contents` (`box_id`,`position`);--> statement-breakpoint
CREATE TABLE `boxes` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`code` text NOT NULL,
	`fonds_code` text NOT NULL,
	`category_id` text NOT NULL,
	`category_code` text NOT NULL,
	`year` integer NOT NULL,
	`retention` text NOT NULL,
	`org_code` text DEFAULT '' NOT NULL,
	`box_no` integer NOT NULL,
	`thickness_mm` integer DEFAULT 30 NOT NULL,
	`remarks` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_boxes_code` ON `boxes` (`code`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `ux_boxes_class_no` ON `boxes` (`category_id`,`year`,`retention`,`org_code`,`box_no`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `locations` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`place_id` text NOT NULL,
	`placed_at` text NOT NULL,
	`placed_by` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`),
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_locations_place` ON `locations` (`place_id`);--> statement-breakpoint
CREATE TABLE `place_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`from_place_id` text,
	`to_place_id` text,
	`from_box_id` text,
	`to_box_id` text,
	`reason` text NOT NULL,
	`stocktake_id` text,
	`moved_by` text,
	`moved_by_name` text NOT NULL,
	`moved_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_place_moves_entity` ON `place_moves` (`entity_id`,`moved_at`);--> statement-breakpoint
CREATE TABLE `places` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`parent_id` text,
	`depth` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`room_id` text,
	`capacity` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_places_code` ON `places` (`code`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_places_parent` ON `places` (`parent_id`,`position`);--> statement-breakpoint
CREATE TABLE `stocktake_scans` (
	`id` text PRIMARY KEY NOT NULL,
	`stocktake_id` text NOT NULL,
	`seq` integer NOT NULL,
	`code` text NOT NULL,
	`source` text NOT NULL,
	`at_place_id` text,
	`entity` text,
	`entity_id` text,
	`scanned_by` text,
	`scanned_at` text NOT NULL,
	FOREIGN KEY (`stocktake_id`) REFERENCES `stocktakes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_stocktake_scans_seq` ON `stocktake_scans` (`stocktake_id`,`seq`);--> statement-breakpoint
CREATE TABLE `stocktakes` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`title` text NOT NULL,
	`place_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`started_by` text,
	`started_by_name` text NOT NULL,
	`started_at` text NOT NULL,
	`closed_by` text,
	`closed_by_name` text,
	`closed_at` text,
	`summary` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_stocktakes_status` ON `stocktakes` (`status`,`started_at`);