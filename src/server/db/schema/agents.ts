/** Device groups and the agents that report into them. */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { AGENT_UPDATE_STATES } from "../../../protocol/lifecycle";
import { AGENT_UPDATE_RINGS } from "../../contracts/agents";
import { DEFAULT_SITE_ID_SQL, sites } from "./tenancy";

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

/** Self-update rings: `pilot` agents get a new release at once, `general` ones AGENT_UPDATE_DELAY_HOURS later. */
export const agentUpdateRingEnum = pgEnum("agent_update_ring", AGENT_UPDATE_RINGS);

/**
 * Where the latest self-update offered to an agent stands: `offered` by the gateway, then what
 * the agent reported (`downloading`, `installing`, `failed`, `rolled-back`, `declined`), and
 * `updated` once it says hello with the new version.
 */
export const agentUpdateStateEnum = pgEnum("agent_update_state", ["offered", ...AGENT_UPDATE_STATES, "updated"]);

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
    /** What technicians call the device, shown beside its host name; null means "the host name". */
    displayName: text("display_name"),
    groupName: text("group_name").notNull().default("Ungrouped"),
    /** The site (and so the client) the agent belongs to; the default site unless enrollment or a move said otherwise. */
    siteId: integer("site_id")
      .notNull()
      .default(DEFAULT_SITE_ID_SQL)
      .references(() => sites.id),
    /** Free-form labels, beside the one group and the one site. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
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
    updateRing: agentUpdateRingEnum("update_ring").notNull().default("general"),
    /** The release last offered to this agent, how that went and when it last changed. */
    updateVersion: text("update_version"),
    updateState: agentUpdateStateEnum("update_state"),
    updateMessage: text("update_message"),
    updateAt: timestamp("update_at", { withTimezone: true }),
    /** When the host last booted, from its `hello` (older agents do not say). */
    bootTime: timestamp("boot_time", { withTimezone: true }),
    /** Whether the host waits for a reboot to finish updates; null until agents report it. */
    rebootPending: boolean("reboot_pending"),
    enrollmentTokenId: text("enrollment_token_id"),
    /** SHA-256 of the per-agent secret; the secret itself is known only to the agent. */
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    index("agents_group_idx").on(table.groupName),
    index("agents_gateway_idx").on(table.gatewayId),
    index("agents_site_idx").on(table.siteId),
    // The device list's default order (and its tie-breaker) over the agents it shows: a page is an index walk.
    index("agents_listed_name_idx").on(sql`lower(coalesce(${table.displayName}, ${table.name}))`, table.id).where(sql`${table.revokedAt} is null`),
    index("agents_listed_status_idx").on(table.status).where(sql`${table.revokedAt} is null`),
  ],
);
