CREATE TABLE `checkups` (
	`id` text PRIMARY KEY NOT NULL,
	`insurer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`exam_date` text NOT NULL,
	`institution` text,
	`source` text NOT NULL,
	`table_version` text NOT NULL,
	`results` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `insurers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkups_person_date` ON `checkups` (`insurer_id`,`person_key`,`exam_date`);