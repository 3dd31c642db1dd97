CREATE TYPE "public"."agent_update_ring" AS ENUM('pilot', 'general');--> statement-breakpoint
CREATE TYPE "public"."agent_update_state" AS ENUM('offered', 'downloading', 'installing', 'failed', 'rolled-back', 'declined', 'updated');--> statement-breakpoint
CREATE TABLE "agent_releases" (
	"platform" text NOT NULL,
	"version" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"file" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_releases_platform_version_pk" PRIMARY KEY("platform","version")
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "update_ring" "agent_update_ring" DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "update_version" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "update_state" "agent_update_state";--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "update_message" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "update_at" timestamp with time zone;