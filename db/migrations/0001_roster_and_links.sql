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
CREATE TABLE `member_links` (
	`account_id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`linked_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_links_person` ON `member_links` (`insurer_id`,`person_key`);--> statement-breakpoint
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
	PRIMARY KEY(`insurer_id`, `person_key`),
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `roster_persons_card` ON `roster_persons` (`insurer_id`,`card_key`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`insurer_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `insurers` ADD `insured_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `insurers` ADD `dependent_max_age` integer;--> statement-breakpoint
ALTER TABLE `insurers` ADD `maintenance` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `insurers` ADD `updated_at` integer DEFAULT 0 NOT NULL;