CREATE TABLE "checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"check_type" text NOT NULL,
	"name" text NOT NULL,
	"config" jsonb NOT NULL,
	"severity" text DEFAULT 'warning' NOT NULL,
	"alert_profile_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"more_info" text DEFAULT '' NOT NULL,
	"last_run" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remediations" (
	"id" serial PRIMARY KEY NOT NULL,
	"alert_id" integer NOT NULL,
	"agent_id" text NOT NULL,
	"script_name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"script_run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "check_id" integer;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_alert_profile_id_alert_profiles_id_fk" FOREIGN KEY ("alert_profile_id") REFERENCES "public"."alert_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediations" ADD CONSTRAINT "remediations_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checks_agent_idx" ON "checks" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "remediations_pending_idx" ON "remediations" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "remediations_agent_script_idx" ON "remediations" USING btree ("agent_id",lower("script_name"),"started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_per_check_idx" ON "alerts" USING btree ("agent_id","check_id") WHERE "alerts"."status" <> 'resolved' and "alerts"."check_id" is not null;