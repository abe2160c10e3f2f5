CREATE TABLE `arrangement_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`task` text NOT NULL,
	`target` integer NOT NULL,
	`due_date` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `arrangement_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_arrangement_assignments_batch` ON `arrangement_assignments` (`batch_id`);--> statement-breakpoint
CREATE TABLE `arrangement_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`category_code` text,
	`year` integer,
	`box_from` integer,
	`box_to` integer,
	`status` text NOT NULL,
	`current_step` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_by_name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_arrangement_batches_status` ON `arrangement_batches` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `arrangement_signoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`step_id` text NOT NULL,
	`sign_role` text NOT NULL,
	`signer_id` text NOT NULL,
	`signer_name` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`signature_id` text NOT NULL,
	`signed_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `arrangement_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`step_id`) REFERENCES `arrangement_steps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_arrangement_signoffs_batch` ON `arrangement_signoffs` (`batch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ux_arrangement_signoffs_role` ON `arrangement_signoffs` (`step_id`,`sign_role`);--> statement-breakpoint
CREATE UNIQUE INDEX `ux_arrangement_signoffs_signer` ON `arrangement_signoffs` (`step_id`,`signer_id`);--> statement-breakpoint
CREATE TABLE `arrangement_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`position` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`roles` text NOT NULL,
	`completed_at` text,
	FOREIGN KEY (`batch_id`) REFERENCES `arrangement_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_arrangement_steps_pos` ON `arrangement_steps` (`batch_id`,`position`);