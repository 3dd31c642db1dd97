CREATE TABLE "clients" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"client_id" integer NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Hand-written (keep when regenerating): the default client and site, and the function behind
-- agents.site_id's default, so existing agents and any insert without a site land in it.
INSERT INTO "clients" ("name") VALUES ('Default');--> statement-breakpoint
INSERT INTO "sites" ("client_id", "name", "is_default") SELECT "id", 'Default', true FROM "clients" WHERE "name" = 'Default';--> statement-breakpoint
CREATE FUNCTION default_site_id() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT "id" FROM "sites" WHERE "is_default" $$;
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "site_id" integer DEFAULT default_site_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "client_ids" integer[];--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD COLUMN "site_id" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "client_ids" integer[];--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clients_name_lower_idx" ON "clients" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sites_client_name_lower_idx" ON "sites" USING btree ("client_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sites_one_default_idx" ON "sites" USING btree ("is_default") WHERE "sites"."is_default";--> statement-breakpoint
CREATE INDEX "sites_client_idx" ON "sites" USING btree ("client_id");--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD CONSTRAINT "enrollment_tokens_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agents_site_idx" ON "agents" USING btree ("site_id");