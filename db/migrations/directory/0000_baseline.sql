CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`password_changed_at` integer NOT NULL,
	`invite_code` text,
	`invited_by` text,
	`notify_mail` integer DEFAULT true NOT NULL,
	`insurer_id` text,
	`link_state` text,
	`link_changed_at` integer,
	`withdrawing_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_key` ON `accounts` (`email_key`);--> statement-breakpoint
CREATE INDEX `accounts_insurer` ON `accounts` (`insurer_id`);--> statement-breakpoint
CREATE INDEX `accounts_link_state` ON `accounts` (`link_state`,`link_changed_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_invite_code` ON `accounts` (`invite_code`);--> statement-breakpoint
CREATE INDEX `accounts_invited_by` ON `accounts` (`invited_by`);--> statement-breakpoint
CREATE TABLE `address_locks` (
	`subject` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`account_id` text,
	`insurer_id` text,
	`ip` text,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_account` ON `audit_log` (`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_type`,`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_insurer` ON `audit_log` (`insurer_id`,`at`);--> statement-breakpoint
CREATE TABLE `card_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`person_subject` text NOT NULL,
	`outcome` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `card_attempts_account` ON `card_attempts` (`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `card_attempts_person` ON `card_attempts` (`person_subject`,`at`);--> statement-breakpoint
CREATE TABLE `databases` (
	`name` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`url` text,
	`state` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dev_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE `email_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`account_id` text,
	`subject_key` text,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_tokens_token` ON `email_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `email_tokens_account` ON `email_tokens` (`account_id`);--> statement-breakpoint
CREATE TABLE `inquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`receipt_no` text NOT NULL,
	`account_id` text,
	`name_kana` text NOT NULL,
	`email` text NOT NULL,
	`insurer_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`type` text NOT NULL,
	`message` text NOT NULL,
	`app_version` text DEFAULT '' NOT NULL,
	`device` text DEFAULT '' NOT NULL,
	`os_version` text DEFAULT '' NOT NULL,
	`browser` text DEFAULT '' NOT NULL,
	`lang` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`address_key` text NOT NULL,
	`ip_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`insurer_id` text,
	`assignee_id` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inquiries_receipt_no` ON `inquiries` (`receipt_no`);--> statement-breakpoint
CREATE INDEX `inquiries_insurer` ON `inquiries` (`insurer_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_type` ON `inquiries` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_created` ON `inquiries` (`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_account` ON `inquiries` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_address` ON `inquiries` (`address_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_ip` ON `inquiries` (`ip_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_status` ON `inquiries` (`status`,`created_at`);--> statement-breakpoint
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
CREATE TABLE `insurers` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`name` text NOT NULL,
	`allowed_cidrs` text DEFAULT '[]' NOT NULL,
	`allowlist_failure_limit` integer DEFAULT 20 NOT NULL,
	`insured_only` integer DEFAULT false NOT NULL,
	`dependent_max_age` integer,
	`maintenance` integer DEFAULT false NOT NULL,
	`maintenance_message` text,
	`maintenance_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `insurers_number` ON `insurers` (`number`);--> statement-breakpoint
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
	`for_step_up` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_passkeys_account` ON `member_passkeys` (`account_id`);--> statement-breakpoint
CREATE TABLE `notice_pending` (
	`insurer_id` text PRIMARY KEY NOT NULL,
	`since` integer NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE `pending_signups` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`password_hash` text NOT NULL,
	`token_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`code_attempts` integer DEFAULT 0 NOT NULL,
	`binding_hash` text,
	`password_attempts` integer DEFAULT 0 NOT NULL,
	`mode` text NOT NULL,
	`invite_code` text,
	`org_code` text,
	`lang` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`code_expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pending_signups_token` ON `pending_signups` (`token_hash`);--> statement-breakpoint
CREATE INDEX `pending_signups_email` ON `pending_signups` (`email_key`);--> statement-breakpoint
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
CREATE TABLE `risk_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`seen` text
);
--> statement-breakpoint
CREATE INDEX `risk_events_subject_at` ON `risk_events` (`subject`,`kind`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`mode` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`idle_expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`ended_at` integer,
	`step_up_at` integer,
	`device_key` text,
	`place` text,
	`method` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_account` ON `sessions` (`account_id`);--> statement-breakpoint
CREATE TABLE `shard_map` (
	`insurer_id` text NOT NULL,
	`from_fy` integer DEFAULT 0 NOT NULL,
	`to_fy` integer,
	`database` text NOT NULL,
	`epoch` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`insurer_id`, `from_fy`)
);
--> statement-breakpoint
CREATE INDEX `shard_map_database` ON `shard_map` (`database`);--> statement-breakpoint
CREATE TABLE `shard_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`from_fy` integer DEFAULT 0 NOT NULL,
	`to_fy` integer,
	`source` text NOT NULL,
	`target` text NOT NULL,
	`phase` text NOT NULL,
	`cursor` text DEFAULT '{}' NOT NULL,
	`report` text DEFAULT '{}' NOT NULL,
	`started_by` text,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shard_moves_insurer` ON `shard_moves` (`insurer_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`insurer_id` text,
	`created_at` integer NOT NULL,
	`email` text,
	`email_key` text,
	`password_hash` text,
	`totp_secret` text,
	`totp_last_step` integer DEFAULT 0 NOT NULL,
	`disabled_at` integer,
	`updated_at` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_key` ON `staff` (`email_key`);--> statement-breakpoint
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
CREATE TABLE `staff_passkeys` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`public_key` text NOT NULL,
	`counter` integer DEFAULT 0 NOT NULL,
	`transports` text DEFAULT '[]' NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_passkeys_staff` ON `staff_passkeys` (`staff_id`);--> statement-breakpoint
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
CREATE TABLE `staff_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`id` text,
	`expires_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tokens_id` ON `staff_tokens` (`id`);--> statement-breakpoint
CREATE INDEX `staff_tokens_staff` ON `staff_tokens` (`staff_id`);--> statement-breakpoint
CREATE TABLE `webauthn_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`staff_id` text,
	`account_id` text,
	`challenge` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
