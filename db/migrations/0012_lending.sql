CREATE TABLE `loan_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`request_id` text NOT NULL,
	`approver_id` text NOT NULL,
	`approver_name` text NOT NULL,
	`approver_role` text NOT NULL,
	`decision` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`signature_id` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `loan_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_loan_decisions_request` ON `loan_decisions` (`request_id`);--> statement-breakpoint
CREATE TABLE `loan_records` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`request_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`archive_code` text NOT NULL,
	`title` text NOT NULL,
	`security_level` integer NOT NULL,
	`category_code` text NOT NULL,
	`status` text NOT NULL,
	`out_at` text,
	`out_by` text,
	`out_by_name` text,
	`due_date` text,
	`returned_at` text,
	`received_by` text,
	`received_by_name` text,
	`pages_checked` integer,
	`intact` integer,
	`solved` integer,
	`served_what` text DEFAULT '' NOT NULL,
	`outcome_text` text DEFAULT '' NOT NULL,
	`copy_pages` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `loan_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ix_loan_records_request` ON `loan_records` (`request_id`);--> statement-breakpoint
CREATE INDEX `ix_loan_records_entity` ON `loan_records` (`entity`,`entity_id`,`status`);--> statement-breakpoint
CREATE INDEX `ix_loan_records_out` ON `loan_records` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `ix_loan_records_out_at` ON `loan_records` (`out_at`);--> statement-breakpoint
CREATE TABLE `loan_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`borrower_kind` text NOT NULL,
	`borrower_name` text NOT NULL,
	`borrower_unit` text DEFAULT '' NOT NULL,
	`borrower_id_no` text DEFAULT '' NOT NULL,
	`letter_no` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`own_records` integer DEFAULT false NOT NULL,
	`on_behalf` integer DEFAULT false NOT NULL,
	`purpose` text NOT NULL,
	`way` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`from_date` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`head_reasons` text DEFAULT '[]' NOT NULL,
	`filed_by` text,
	`filed_by_name` text NOT NULL,
	`filed_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_loan_requests_status` ON `loan_requests` (`status`,`filed_at`);--> statement-breakpoint
CREATE INDEX `ix_loan_requests_filed` ON `loan_requests` (`filed_at`);--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`node_id` text NOT NULL,
	`signer_id` text NOT NULL,
	`signer_name` text NOT NULL,
	`signer_role` text NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`signed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_signatures_entity` ON `signatures` (`entity`,`entity_id`);