ALTER TABLE `pending_signups` ADD `binding_hash` text;--> statement-breakpoint
ALTER TABLE `pending_signups` ADD `password_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `risk_events` ADD `seen` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `step_up_at` integer;