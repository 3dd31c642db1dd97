/**
 * Monitoring and alerting: monitoring profiles (threshold rules on the agents' metrics) assigned to
 * agents or groups, alert profiles (where an alert goes), and the alerts themselves, one model for
 * every source. At most one alert per agent and rule is open at a time (a partial unique index), so
 * two gateways or a replayed sample can never raise the same alert twice.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agents } from "./agents";

export const alertProfiles = pgTable("alert_profiles", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  emails: text("emails").array().notNull().default(sql`'{}'::text[]`),
  dashboard: boolean("dashboard").notNull().default(true),
  remediationScript: text("remediation_script"),
  /** Send through the Pushover integration. */
  pushover: boolean("pushover").notNull().default(false),
  /** POSTed a signed JSON body (notifications/webhook-signature.ts). */
  webhookUrl: text("webhook_url"),
  /** The webhook's signing key, sealed. */
  webhookSecret: text("webhook_secret"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const monitoringProfiles = pgTable("monitoring_profiles", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  alertProfileId: uuid("alert_profile_id").references(() => alertProfiles.id, { onDelete: "set null" }),
  createdBy: text("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const monitoringRules = pgTable(
  "monitoring_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => monitoringProfiles.id, { onDelete: "cascade" }),
    /** cpu, ram, disk-usage or network (see src/server/monitoring/metrics.ts). */
    metric: text("metric").notNull(),
    threshold: real("threshold").notNull(),
    windowSeconds: integer("window_seconds").notNull().default(30),
    comparison: text("comparison").notNull().default("gte"),
    severity: text("severity").notNull().default("warning"),
    position: integer("position").notNull().default(0),
  },
  (table) => [index("monitoring_rules_profile_idx").on(table.profileId)],
);

export const monitoringTargetTypeEnum = pgEnum("monitoring_target_type", ["agent", "group"]);

export const monitoringAssignments = pgTable(
  "monitoring_assignments",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => monitoringProfiles.id, { onDelete: "cascade" }),
    targetType: monitoringTargetTypeEnum("target_type").notNull(),
    /** An agent id, or a group name. */
    targetId: text("target_id").notNull(),
  },
  (table) => [primaryKey({ columns: [table.profileId, table.targetType, table.targetId] }), index("monitoring_assignments_target_idx").on(table.targetType, table.targetId)],
);

export const alertSeverityEnum = pgEnum("alert_severity", ["info", "warning", "critical"]);
export const alertStatusEnum = pgEnum("alert_status", ["open", "acknowledged", "resolved"]);

export const alerts = pgTable(
  "alerts",
  {
    id: serial("id").primaryKey(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    /** `rule` (a monitoring profile's threshold) or `check`. */
    alertType: text("alert_type").notNull(),
    profileId: uuid("profile_id"),
    ruleId: uuid("rule_id"),
    /** The failing check (checks.id) of a `check` alert. */
    checkId: integer("check_id"),
    severity: alertSeverityEnum("severity").notNull().default("warning"),
    message: text("message").notNull(),
    value: real("value"),
    threshold: real("threshold"),
    status: alertStatusEnum("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by"),
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** A user's name, or `auto` when the condition cleared by itself. */
    resolvedBy: text("resolved_by"),
  },
  (table) => [
    uniqueIndex("alerts_one_open_per_rule_idx").on(table.agentId, table.ruleId).where(sql`${table.status} <> 'resolved' and ${table.ruleId} is not null`),
    uniqueIndex("alerts_one_open_per_check_idx").on(table.agentId, table.checkId).where(sql`${table.status} <> 'resolved' and ${table.checkId} is not null`),
    index("alerts_status_idx").on(table.status, table.createdAt),
    index("alerts_agent_idx").on(table.agentId),
  ],
);

export type AlertRow = typeof alerts.$inferSelect;
