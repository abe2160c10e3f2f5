CREATE TABLE `station_files` (
	`station_id` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`bundle_id` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`station_id`, `sha256`)
);
--> statement-breakpoint
CREATE TABLE `station_records` (
	`station_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`version` integer NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`node_id` text NOT NULL,
	`fields` text NOT NULL,
	`fields_hash` text NOT NULL,
	`bundle_id` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`station_id`, `entity`, `entity_id`)
);
--> statement-breakpoint
CREATE INDEX `ix_station_records_entity` ON `station_records` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`station_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`ours_version` integer NOT NULL,
	`ours_hash` text NOT NULL,
	`theirs_version` integer NOT NULL,
	`theirs_deleted` integer NOT NULL,
	`theirs_fields` text NOT NULL,
	`theirs_hash` text NOT NULL,
	`bundle_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`resolved_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_sync_conflicts_station` ON `sync_conflicts` (`station_id`,`status`);--> statement-breakpoint
CREATE TABLE `sync_files_acked` (
	`sha256` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`acked_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_imports` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`station_id` text NOT NULL,
	`seq` integer NOT NULL,
	`epoch` integer NOT NULL,
	`prev_bundle_id` text NOT NULL,
	`change_to` integer NOT NULL,
	`records` integer NOT NULL,
	`conflicts` integer NOT NULL,
	`rejected` integer NOT NULL,
	`files` integer NOT NULL,
	`receipt` text NOT NULL,
	`receipt_sig` text NOT NULL,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_sync_imports_station_seq` ON `sync_imports` (`station_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sync_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`sealed_private` text NOT NULL,
	`vault_kind` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE INDEX `ix_sync_keys_purpose` ON `sync_keys` (`purpose`,`status`);--> statement-breakpoint
CREATE TABLE `sync_out_bundles` (
	`seq` integer PRIMARY KEY NOT NULL,
	`epoch` integer NOT NULL,
	`bundle_id` text,
	`prev_bundle_id` text NOT NULL,
	`acked_through` integer NOT NULL,
	`change_to` integer NOT NULL,
	`records` integer NOT NULL,
	`files` integer NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`dir_name` text NOT NULL,
	`error` text,
	`created_at` text NOT NULL,
	`acked_at` text
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`acked_version` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`bundle_id` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`)
);
--> statement-breakpoint
CREATE INDEX `ix_sync_outbox_status` ON `sync_outbox` (`status`);--> statement-breakpoint
CREATE TABLE `sync_peers` (
	`fingerprint` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`node_id` text NOT NULL,
	`unit_name` text NOT NULL,
	`sign_public_pem` text NOT NULL,
	`age_recipients` text NOT NULL,
	`status` text NOT NULL,
	`pinned_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_receipts` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_stations` (
	`station_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`node_id` text,
	`status` text NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_bundle_id` text,
	`last_epoch` integer DEFAULT 0 NOT NULL,
	`acked_through` integer DEFAULT 0 NOT NULL,
	`last_import_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_trust` (
	`id` text PRIMARY KEY NOT NULL,
	`station_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`public_pem` text NOT NULL,
	`status` text NOT NULL,
	`valid_from_seq` integer DEFAULT 1 NOT NULL,
	`valid_through_seq` integer,
	`trust_version` integer NOT NULL,
	`added_at` text NOT NULL,
	`changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_sync_trust_station_key` ON `sync_trust` (`station_id`,`fingerprint`);