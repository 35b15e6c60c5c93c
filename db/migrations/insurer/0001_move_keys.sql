ALTER TABLE `audit_log` ADD `moved_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_moved_key` ON `audit_log` (`moved_key`) WHERE moved_key IS NOT NULL;--> statement-breakpoint
ALTER TABLE `notice_outbox` ADD `moved_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `notice_outbox_moved_key` ON `notice_outbox` (`moved_key`) WHERE moved_key IS NOT NULL;