CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`op` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `checkups` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`exam_date` text NOT NULL,
	`institution` text,
	`source` text NOT NULL,
	`table_version` text NOT NULL,
	`results` text NOT NULL,
	`grades` text DEFAULT '{"A":0,"B":0,"C":0,"D":0}' NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkups_person_date` ON `checkups` (`insurer_id`,`person_key`,`exam_date`);--> statement-breakpoint
CREATE TABLE `code_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`revoked_at` integer,
	`issued` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `code_runs_open` ON `code_runs` (`insurer_id`,`created_at`) WHERE "code_runs"."confirmed_at" is null and "code_runs"."revoked_at" is null;--> statement-breakpoint
CREATE TABLE `health_access` (
	`account_id` text PRIMARY KEY NOT NULL,
	`code_verified_at` integer,
	`question_id` text,
	`answer_hash` text,
	`answer_set_at` integer,
	`notice_accepted_at` integer,
	`last_check_at` integer,
	`answer_failures` text DEFAULT '[]' NOT NULL,
	`locked_at` integer
);
--> statement-breakpoint
CREATE TABLE `import_batches` (
	`import_id` text NOT NULL,
	`seq` integer NOT NULL,
	`first_line` integer,
	`last_line` integer,
	`last_unit` integer,
	`answer` text NOT NULL,
	`local_rejections` text DEFAULT '[]' NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`import_id`, `seq`),
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer NOT NULL,
	`fingerprint` text DEFAULT '' NOT NULL,
	`detected` text,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text,
	`failure` text,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`blank` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`batches` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `imports_insurer` ON `imports` (`insurer_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `imports_started` ON `imports` (`started_at`);--> statement-breakpoint
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
CREATE TABLE `member_links` (
	`account_id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`linked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_links_person` ON `member_links` (`insurer_id`,`person_key`);--> statement-breakpoint
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
CREATE TABLE `roster_persons` (
	`insurer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`symbol` text DEFAULT '' NOT NULL,
	`number` text NOT NULL,
	`branch` text,
	`card_key` text NOT NULL,
	`name_kana` text NOT NULL,
	`name_key` text NOT NULL,
	`birth_date` text NOT NULL,
	`sex` integer NOT NULL,
	`relationship` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`postal_code` text,
	`address` text,
	`row_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`insurer_id`, `person_key`)
);
--> statement-breakpoint
CREATE INDEX `roster_persons_card` ON `roster_persons` (`insurer_id`,`card_key`);--> statement-breakpoint
CREATE TABLE `shard_meta` (
	`insurer_id` text PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `viewing_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`code_hash` text NOT NULL,
	`issued_at` integer NOT NULL,
	`used_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_at` integer,
	`revoked_at` integer,
	`run_id` text,
	`confirmed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `viewing_codes_live` ON `viewing_codes` (`insurer_id`,`person_key`) WHERE "viewing_codes"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX `viewing_codes_run` ON `viewing_codes` (`run_id`) WHERE "viewing_codes"."confirmed_at" is null and "viewing_codes"."revoked_at" is null;