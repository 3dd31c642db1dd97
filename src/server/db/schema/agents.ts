/** Device groups and the agents that report into them. */
import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const groups = pgTable(
  "groups",
  {
    name: text("name").primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("groups_name_lower_idx").on(sql`lower(${table.name})`)],
);

export type AgentMetrics = {
  at: string;
  cpuPercent: number;
  memoryPercent: number;
  diskPercent: number;
  network: { rxBytesPerSec: number; txBytesPerSec: number };
};

export const agentStatusEnum = pgEnum("agent_status", ["online", "offline"]);

export type AgentSpecs = {
  cpu?: { model?: string; cores?: number };
  memoryBytes?: number;
  disks?: { mount: string; totalBytes: number; freeBytes: number; usedBytes?: number; fsType?: string }[];
};

export const agents = pgTable(
  "agents",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    groupName: text("group_name").notNull().default("Ungrouped"),
    os: text("os"),
    platform: text("platform"),
    loggedInUser: text("logged_in_user"),
    agentVersion: text("agent_version"),
    specs: jsonb("specs").$type<AgentSpecs>(),
    features: jsonb("features").$type<string[]>().notNull().default([]),
    status: agentStatusEnum("status").notNull().default("offline"),
    lastSeen: timestamp("last_seen", { withTimezone: true }),
    /** When the current connection began (set on connect, cleared on disconnect). */
    connectedAt: timestamp("connected_at", { withTimezone: true }),
    /** Which gateway instance holds the socket while the agent is online. */
    gatewayId: uuid("gateway_id"),
    remoteAddress: text("remote_address"),
    /** The agent's own interface addresses, from its `hello`. */
    localAddresses: jsonb("local_addresses").$type<string[]>().notNull().default([]),
    /** The latest `monitoring-metrics` (CPU, memory, disk, network) for the device list. */
    metrics: jsonb("metrics").$type<AgentMetrics>(),
    enrollmentTokenId: text("enrollment_token_id"),
    /** SHA-256 of the per-agent secret; the secret itself is known only to the agent. */
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("agents_group_idx").on(table.groupName), index("agents_gateway_idx").on(table.gatewayId)],
);
