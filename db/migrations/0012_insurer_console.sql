CREATE TABLE `code_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`revoked_at` integer,
	`issued` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `code_runs_open` ON `code_runs` (`insurer_id`,`created_at`) WHERE "code_runs"."confirmed_at" is null and "code_runs"."revoked_at" is null;--> statement-breakpoint
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
	`batches` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_insurer` ON `imports` (`insurer_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `imports_started` ON `imports` (`started_at`);--> statement-breakpoint
ALTER TABLE `insurers` ADD `maintenance_message` text;--> statement-breakpoint
ALTER TABLE `insurers` ADD `maintenance_until` integer;--> statement-breakpoint
ALTER TABLE `viewing_codes` ADD `run_id` text;--> statement-breakpoint
ALTER TABLE `viewing_codes` ADD `confirmed_at` integer;--> statement-breakpoint
CREATE INDEX `viewing_codes_run` ON `viewing_codes` (`run_id`) WHERE "viewing_codes"."confirmed_at" is null and "viewing_codes"."revoked_at" is null;--> statement-breakpoint
-- Every code issued before runs existed was printed by the CLI as it was issued.
UPDATE `viewing_codes` SET `confirmed_at` = `issued_at` WHERE `confirmed_at` IS NULL;
