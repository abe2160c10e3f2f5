CREATE TABLE `page_texts` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`item_id` text NOT NULL,
	`page_no` integer NOT NULL,
	`text` text NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_page_texts_item_page` ON `page_texts` (`item_id`,`page_no`);--> statement-breakpoint
CREATE TABLE `recent_searches` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`query` text NOT NULL,
	`filters` text DEFAULT '{}' NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_recent_searches_user` ON `recent_searches` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `saved_searches` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`query` text NOT NULL,
	`filters` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_saved_searches_user_name` ON `saved_searches` (`user_id`,`name`);--> statement-breakpoint
CREATE TABLE `search_docs` (
	`doc` integer PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`replaces` integer,
	`live` integer NOT NULL,
	`category_id` text NOT NULL,
	`year` integer NOT NULL,
	`retention` text NOT NULL,
	`security_level` integer NOT NULL,
	`status` integer NOT NULL,
	`has_scans` integer NOT NULL,
	`date` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_search_docs_item` ON `search_docs` (`item_id`,`doc`);