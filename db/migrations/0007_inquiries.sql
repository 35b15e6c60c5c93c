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
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inquiries_receipt_no` ON `inquiries` (`receipt_no`);--> statement-breakpoint
CREATE INDEX `inquiries_account` ON `inquiries` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_address` ON `inquiries` (`address_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_ip` ON `inquiries` (`ip_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_status` ON `inquiries` (`status`,`created_at`);