/**
 * The command bus's tables. A command is a row (queued -> sent -> done | failed | timeout); NOTIFY
 * only carries its id. Gateways announce themselves so that agents of a dead gateway go offline.
 */
import { doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agents } from "./agents";

export const commandStatusEnum = pgEnum("command_status", ["queued", "sent", "done", "failed", "timeout"]);

export const commands = pgTable(
  "commands",
  {
    id: uuid("id").primaryKey(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: commandStatusEnum("status").notNull().default("queued"),
    result: jsonb("result"),
    error: jsonb("error").$type<{ code: string; message: string }>(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("commands_agent_status_idx").on(table.agentId, table.status), index("commands_created_idx").on(table.createdAt)],
);

/** The latest answer of a kind per agent (process list, ...), served by the `.../data` paths. */
export const agentSnapshots = pgTable(
  "agent_snapshots",
  {
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    data: jsonb("data").notNull(),
    collectedAt: timestamp("collected_at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.agentId, table.kind] })],
);

/** Periodic `monitoring-metrics` at full resolution, for charts of the last day (kept 24 h). */
export const agentMetrics = pgTable(
  "agent_metrics",
  {
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    data: jsonb("data").notNull(),
  },
  // BRIN on time (cheap to keep up while samples arrive in time order) serves the rollups and the pruning.
  (table) => [index("agent_metrics_agent_at_idx").on(table.agentId, table.at), index("agent_metrics_at_brin_idx").using("brin", table.at)],
);

/**
 * Five-minute rollups of agent_metrics (kept 30 days), for charts beyond a day. A bucket's row is
 * recomputed from the raw samples, never incremented, so rolling up again changes nothing.
 * Network figures are bytes per second.
 */
export const agentMetricRollups = pgTable(
  "agent_metric_rollups",
  {
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    /** Start of the five-minute bucket. */
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    samples: integer("samples").notNull(),
    cpuAvg: doublePrecision("cpu_avg").notNull(),
    cpuMax: doublePrecision("cpu_max").notNull(),
    memoryAvg: doublePrecision("memory_avg").notNull(),
    memoryMax: doublePrecision("memory_max").notNull(),
    diskAvg: doublePrecision("disk_avg").notNull(),
    diskMax: doublePrecision("disk_max").notNull(),
    rxAvg: doublePrecision("rx_avg").notNull(),
    rxMax: doublePrecision("rx_max").notNull(),
    txAvg: doublePrecision("tx_avg").notNull(),
    txMax: doublePrecision("tx_max").notNull(),
  },
  (table) => [primaryKey({ columns: [table.agentId, table.bucket] }), index("agent_metric_rollups_bucket_idx").on(table.bucket)],
);

/** Live gateway processes; a gateway whose heartbeat is stale has died and its agents are offline. */
export const gateways = pgTable("gateways", {
  id: uuid("id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
  /** Where the web process reaches this gateway's file relay (`GATEWAY_RELAY_URL`); null: files go as chunk commands. */
  relayUrl: text("relay_url"),
});
