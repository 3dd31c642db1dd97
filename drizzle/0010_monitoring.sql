CREATE TYPE "public"."alert_severity" AS ENUM('info', 'warning', 'critical');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('open', 'acknowledged', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."monitoring_target_type" AS ENUM('agent', 'group');--> statement-breakpoint
CREATE TYPE "public"."delivery_channel" AS ENUM('email', 'pushover', 'webhook');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."integration_name" AS ENUM('smtp', 'pushover');--> statement-breakpoint
CREATE TABLE "alert_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"dashboard" boolean DEFAULT true NOT NULL,
	"remediation_script" text,
	"pushover" boolean DEFAULT false NOT NULL,
	"webhook_url" text,
	"webhook_secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"alert_type" text NOT NULL,
	"profile_id" uuid,
	"rule_id" uuid,
	"severity" "alert_severity" DEFAULT 'warning' NOT NULL,
	"message" text NOT NULL,
	"value" real,
	"threshold" real,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"snoozed_until" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE TABLE "monitoring_assignments" (
	"profile_id" uuid NOT NULL,
	"target_type" "monitoring_target_type" NOT NULL,
	"target_id" text NOT NULL,
	CONSTRAINT "monitoring_assignments_profile_id_target_type_target_id_pk" PRIMARY KEY("profile_id","target_type","target_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"alert_profile_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"threshold" real NOT NULL,
	"window_seconds" integer DEFAULT 30 NOT NULL,
	"comparison" text DEFAULT 'gte' NOT NULL,
	"severity" text DEFAULT 'warning' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"name" "integration_name" PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"sealed_secret" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"alert_id" integer NOT NULL,
	"alert_profile_id" uuid,
	"channel" "delivery_channel" NOT NULL,
	"target" text NOT NULL,
	"message" jsonb NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_assignments" ADD CONSTRAINT "monitoring_assignments_profile_id_monitoring_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."monitoring_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_profiles" ADD CONSTRAINT "monitoring_profiles_alert_profile_id_alert_profiles_id_fk" FOREIGN KEY ("alert_profile_id") REFERENCES "public"."alert_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rules" ADD CONSTRAINT "monitoring_rules_profile_id_monitoring_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."monitoring_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_alert_profile_id_alert_profiles_id_fk" FOREIGN KEY ("alert_profile_id") REFERENCES "public"."alert_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_per_rule_idx" ON "alerts" USING btree ("agent_id","rule_id") WHERE "alerts"."status" <> 'resolved' and "alerts"."rule_id" is not null;--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "alerts_agent_idx" ON "alerts" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "monitoring_assignments_target_idx" ON "monitoring_assignments" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "monitoring_rules_profile_idx" ON "monitoring_rules" USING btree ("profile_id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_due_idx" ON "notification_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notification_deliveries_alert_idx" ON "notification_deliveries" USING btree ("alert_id");