CREATE TABLE `statistics_indicator_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`computed_at` text NOT NULL,
	`indicators` text NOT NULL,
	`total` real NOT NULL
);
