ALTER TABLE "agents" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "boot_time" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "reboot_pending" boolean;--> statement-breakpoint
CREATE INDEX "agents_listed_name_idx" ON "agents" USING btree (lower(coalesce("display_name", "name")),"id") WHERE "agents"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "agents_listed_status_idx" ON "agents" USING btree ("status") WHERE "agents"."revoked_at" is null;