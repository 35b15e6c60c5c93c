-- Moving an insurer (worker/services/shard-move.ts): the rows of the two tables whose ids are
-- AUTOINCREMENT get new ids in the target database (another insurer's rows may hold the same
-- numbers there); `moved_key` ("<source database>:<source id>") keeps a copied page or a replayed
-- change idempotent.
ALTER TABLE `audit_log` ADD `moved_key` text;
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_moved_key` ON `audit_log` (`moved_key`) WHERE moved_key IS NOT NULL;
--> statement-breakpoint
ALTER TABLE `notice_outbox` ADD `moved_key` text;
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_outbox_moved_key` ON `notice_outbox` (`moved_key`) WHERE moved_key IS NOT NULL;
