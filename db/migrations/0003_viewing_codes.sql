CREATE TABLE `health_access` (
	`account_id` text PRIMARY KEY NOT NULL,
	`code_verified_at` integer,
	`question_id` text,
	`answer_hash` text,
	`answer_set_at` integer,
	`notice_accepted_at` integer,
	`last_check_at` integer,
	`answer_failures` text DEFAULT '[]' NOT NULL,
	`locked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
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
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `viewing_codes_person` ON `viewing_codes` (`insurer_id`,`person_key`);