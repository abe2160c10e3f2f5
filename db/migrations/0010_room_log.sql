CREATE TABLE `room_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`room_id` text NOT NULL,
	`check_date` text NOT NULL,
	`checked_by` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_room_checks_room_date` ON `room_checks` (`room_id`,`check_date`);--> statement-breakpoint
CREATE TABLE `room_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`check_id` text NOT NULL,
	`guard` text NOT NULL,
	`finding` text NOT NULL,
	`follow_up` text DEFAULT '' NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`check_id`) REFERENCES `room_checks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_room_findings_check` ON `room_findings` (`check_id`);--> statement-breakpoint
CREATE TABLE `room_readings` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`room_id` text NOT NULL,
	`taken_at` text NOT NULL,
	`temperature` real NOT NULL,
	`humidity` real NOT NULL,
	`recorded_by` text NOT NULL,
	`source` text NOT NULL,
	`action` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_room_readings_room_time` ON `room_readings` (`room_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`temp_min` real DEFAULT 14 NOT NULL,
	`temp_max` real DEFAULT 24 NOT NULL,
	`humidity_min` real DEFAULT 45 NOT NULL,
	`humidity_max` real DEFAULT 60 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_rooms_code` ON `rooms` (`code`);