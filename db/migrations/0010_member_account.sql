CREATE TABLE `email_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`old_email` text NOT NULL,
	`new_email` text NOT NULL,
	`new_email_key` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`confirmed_at` integer,
	`revoked_at` integer,
	`revert_token_hash` text,
	`revert_expires_at` integer,
	`reverted_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_changes_token` ON `email_changes` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `email_changes_revert_token` ON `email_changes` (`revert_token_hash`);--> statement-breakpoint
CREATE INDEX `email_changes_account` ON `email_changes` (`account_id`);--> statement-breakpoint
CREATE TABLE `known_devices` (
	`account_id` text NOT NULL,
	`device_key` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `device_key`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `member_passkeys` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`public_key` text NOT NULL,
	`counter` integer DEFAULT 0 NOT NULL,
	`transports` text DEFAULT '[]' NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_passkeys_account` ON `member_passkeys` (`account_id`);--> statement-breakpoint
CREATE TABLE `notice_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`insurer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text,
	`created_at` integer NOT NULL,
	`claimed_at` integer
);
--> statement-breakpoint
CREATE INDEX `notice_outbox_claimed` ON `notice_outbox` (`claimed_at`,`id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`link` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notices_account` ON `notices` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`session_id` text,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint` ON `push_subscriptions` (`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_account` ON `push_subscriptions` (`account_id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `invite_code` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `invited_by` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `notify_mail` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_invite_code` ON `accounts` (`invite_code`);--> statement-breakpoint
CREATE INDEX `accounts_invited_by` ON `accounts` (`invited_by`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `device_key` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `place` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `method` text;--> statement-breakpoint
ALTER TABLE `webauthn_challenges` ADD `account_id` text;