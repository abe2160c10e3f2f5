CREATE TABLE `statistics_closures` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`year` integer NOT NULL,
	`figures` text NOT NULL,
	`content_hash` text NOT NULL,
	`change_seq` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`signature_id` text NOT NULL,
	`closed_by` text NOT NULL,
	`closed_by_name` text NOT NULL,
	`closed_at` text NOT NULL,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_statistics_closures_year` ON `statistics_closures` (`year`);--> statement-breakpoint
CREATE TABLE `statistics_profiles` (
	`year` integer PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`storage_area_m2` real DEFAULT 0 NOT NULL,
	`shelf_meters` real DEFAULT 0 NOT NULL,
	`compact_shelves` integer DEFAULT 0 NOT NULL,
	`cabinets` integer DEFAULT 0 NOT NULL,
	`air_conditioners` integer DEFAULT 0 NOT NULL,
	`dehumidifiers` integer DEFAULT 0 NOT NULL,
	`computers` integer DEFAULT 0 NOT NULL,
	`scanners` integer DEFAULT 0 NOT NULL,
	`staff_full_time` integer DEFAULT 0 NOT NULL,
	`staff_part_time` integer DEFAULT 0 NOT NULL,
	`remarks` text DEFAULT '' NOT NULL,
	`updated_by` text,
	`updated_by_name` text NOT NULL,
	`updated_at` text NOT NULL
);
