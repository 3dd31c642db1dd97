/**
 * Checks (Tactical RMM's): one test of one agent, run on a schedule by the checks job
 * (src/server/checks/check-job.ts), with its latest outcome kept on the row. A failing check raises
 * an alert (alerts.check_id); its alert profile says who hears of it and which remediation script
 * runs. Remediations are queued here too, one row per request, so a job in the web process (the
 * one that can talk to agents) runs them, and the rate limit reads the recent rows.
 */
import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, serial, text, timestamp, uuid, integer } from "drizzle-orm/pg-core";
import type { CheckConfig } from "../../contracts/checks";
import { agents } from "./agents";
import { alertProfiles } from "./monitoring";

export const checks = pgTable(
  "checks",
  {
    id: serial("id").primaryKey(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    /** diskspace, cpuload, memory, ping, winsvc, script or eventlog (contracts/checks.ts). */
    checkType: text("check_type").notNull(),
    name: text("name").notNull(),
    /** The type's settings (threshold, drive, host, service, script, event-log filter). */
    config: jsonb("config").$type<CheckConfig>().notNull(),
    severity: text("severity").notNull().default("warning"),
    alertProfileId: uuid("alert_profile_id").references(() => alertProfiles.id, { onDelete: "set null" }),
    /** `pending` until first run, then `passing` or `failing`. */
    status: text("status").notNull().default("pending"),
    moreInfo: text("more_info").notNull().default(""),
    lastRun: timestamp("last_run", { withTimezone: true }),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("checks_agent_idx").on(table.agentId)],
);

export type CheckRow = typeof checks.$inferSelect;

export const remediations = pgTable(
  "remediations",
  {
    id: serial("id").primaryKey(),
    alertId: integer("alert_id").notNull(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    scriptName: text("script_name").notNull(),
    /** pending -> running -> succeeded | failed | skipped (with `reason`). */
    status: text("status").notNull().default("pending"),
    reason: text("reason"),
    scriptRunId: integer("script_run_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("remediations_pending_idx").on(table.status, table.id), index("remediations_agent_script_idx").on(table.agentId, sql`lower(${table.scriptName})`, table.startedAt)],
);
