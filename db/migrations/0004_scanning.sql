CREATE TABLE `form_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE TABLE `ocr_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`batch_id` text,
	`template` text DEFAULT 'auto' NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`enqueued_at` text NOT NULL,
	`started_at` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `ix_ocr_jobs_status` ON `ocr_jobs` (`status`,`enqueued_at`);--> statement-breakpoint
CREATE INDEX `ix_ocr_jobs_page` ON `ocr_jobs` (`page_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ux_ocr_jobs_live_page` ON `ocr_jobs` (`page_id`) WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE TABLE `page_fields` (
	`page_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`raw` text NOT NULL,
	`value` text NOT NULL,
	`confidence` real NOT NULL,
	`valid` integer NOT NULL,
	`issue` text,
	`required` integer DEFAULT 0 NOT NULL,
	`bbox` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`accepted` text,
	`accepted_by` text,
	`accepted_at` text,
	PRIMARY KEY(`page_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `pages` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`batch_id` text,
	`item_id` text,
	`volume_id` text,
	`seq` integer NOT NULL,
	`original_sha256` text NOT NULL,
	`original_name` text NOT NULL,
	`original_page` integer DEFAULT 0 NOT NULL,
	`format` text NOT NULL,
	`processed_sha256` text,
	`thumb_sha256` text,
	`pdf_sha256` text,
	`words_sha256` text,
	`width` integer,
	`height` integer,
	`dpi` integer,
	`color_mode` text,
	`device` text,
	`software` text,
	`skew_angle` real,
	`rotation` integer DEFAULT 0 NOT NULL,
	`blank` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`ocr_status` text DEFAULT 'pending' NOT NULL,
	`ocr_engine` text,
	`ocr_confidence` real,
	`template_id` text,
	`verify_status` text DEFAULT 'none' NOT NULL,
	`error` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`deleted_by` text,
	`deleted_reason` text
);
--> statement-breakpoint
CREATE INDEX `ix_pages_item` ON `pages` (`item_id`,`seq`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_pages_volume` ON `pages` (`volume_id`,`seq`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `ix_pages_batch` ON `pages` (`batch_id`);--> statement-breakpoint
CREATE INDEX `ix_pages_verify` ON `pages` (`verify_status`);--> statement-breakpoint
CREATE TABLE `scan_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`source` text NOT NULL,
	`item_id` text,
	`volume_id` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_scan_batches_created` ON `scan_batches` (`created_at`);--> statement-breakpoint
ALTER TABLE `page_texts` ADD `page_id` text;