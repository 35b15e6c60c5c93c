DROP INDEX `viewing_codes_person`;--> statement-breakpoint
CREATE UNIQUE INDEX `viewing_codes_live` ON `viewing_codes` (`insurer_id`,`person_key`) WHERE "viewing_codes"."revoked_at" is null;