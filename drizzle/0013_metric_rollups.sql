CREATE TABLE "agent_metric_rollups" (
	"agent_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"samples" integer NOT NULL,
	"cpu_avg" double precision NOT NULL,
	"cpu_max" double precision NOT NULL,
	"memory_avg" double precision NOT NULL,
	"memory_max" double precision NOT NULL,
	"disk_avg" double precision NOT NULL,
	"disk_max" double precision NOT NULL,
	"rx_avg" double precision NOT NULL,
	"rx_max" double precision NOT NULL,
	"tx_avg" double precision NOT NULL,
	"tx_max" double precision NOT NULL,
	CONSTRAINT "agent_metric_rollups_agent_id_bucket_pk" PRIMARY KEY("agent_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "agent_metric_rollups" ADD CONSTRAINT "agent_metric_rollups_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_metric_rollups_bucket_idx" ON "agent_metric_rollups" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "agent_metrics_at_brin_idx" ON "agent_metrics" USING brin ("at");