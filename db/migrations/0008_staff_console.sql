CREATE TABLE `allowlist_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`cidrs` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`reason` text,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `allowlist_requests_status` ON `allowlist_requests` (`status`,`requested_at`);--> statement-breakpoint
CREATE TABLE `inquiry_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inquiry_id` text NOT NULL,
	`at` integer NOT NULL,
	`staff_id` text,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`body` text DEFAULT '' NOT NULL,
	`meta` text DEFAULT '{}' NOT NULL,
	`idempotency_key` text,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `inquiry_events_inquiry` ON `inquiry_events` (`inquiry_id`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `inquiry_events_idempotency` ON `inquiry_events` (`inquiry_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `org_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`organisation` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_codes_insurer` ON `org_codes` (`insurer_id`);--> statement-breakpoint
CREATE TABLE `staff_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`pending_secret` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_links_staff` ON `staff_links` (`staff_id`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`idle_expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`ended_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_staff` ON `staff_sessions` (`staff_id`);--> statement-breakpoint
ALTER TABLE `inquiries` ADD `insurer_id` text;--> statement-breakpoint
ALTER TABLE `inquiries` ADD `assignee_id` text;--> statement-breakpoint
CREATE INDEX `inquiries_insurer` ON `inquiries` (`insurer_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_type` ON `inquiries` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_created` ON `inquiries` (`created_at`);--> statement-breakpoint
ALTER TABLE `staff` ADD `email` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `email_key` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `password_hash` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `totp_last_step` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `staff` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_key` ON `staff` (`email_key`);--> statement-breakpoint
ALTER TABLE `staff_tokens` ADD `id` text;--> statement-breakpoint
ALTER TABLE `staff_tokens` ADD `expires_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tokens_id` ON `staff_tokens` (`id`);--> statement-breakpoint
CREATE INDEX `staff_tokens_staff` ON `staff_tokens` (`staff_id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_type`,`actor_id`,`at`);--> statement-breakpoint
UPDATE `staff` SET `role` = 'platform_admin' WHERE `role` = 'admin';
