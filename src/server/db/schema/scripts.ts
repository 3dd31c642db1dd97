/**
 * The script library: a script is a name and its settings; its content lives in immutable
 * versions (a new one on every change of content or language, identified by the content's
 * SHA-256), so a run always names exactly what ran. Four-eyes approval is per version: when the
 * script requires it, a version runs only once an admin other than its author approved it.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { SCRIPT_LANGUAGES } from "../../../protocol/scripts";
import { agents } from "./agents";
import { users } from "./users";

export const scriptLanguageEnum = pgEnum("script_language", SCRIPT_LANGUAGES);
export const SCRIPT_RUN_STATUSES = ["running", "succeeded", "failed", "timeout", "error"] as const;
export const scriptRunStatusEnum = pgEnum("script_run_status", SCRIPT_RUN_STATUSES);

export const scripts = pgTable(
  "scripts",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    requiresApproval: boolean("requires_approval").notNull().default(false),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("scripts_name_lower_idx").on(sql`lower(${table.name})`)],
);

export const scriptVersions = pgTable(
  "script_versions",
  {
    id: serial("id").primaryKey(),
    scriptId: integer("script_id")
      .notNull()
      .references(() => scripts.id, { onDelete: "cascade" }),
    /** 1, 2, 3... per script; the highest is the current one. */
    version: integer("version").notNull(),
    language: scriptLanguageEnum("language").notNull(),
    content: text("content").notNull(),
    sha256: text("sha256").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    author: text("author").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    approvedById: integer("approved_by_id").references(() => users.id, { onDelete: "set null" }),
    approvedBy: text("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
  },
  (table) => [uniqueIndex("script_versions_script_version_idx").on(table.scriptId, table.version)],
);

export const scriptRuns = pgTable(
  "script_runs",
  {
    id: serial("id").primaryKey(),
    scriptId: integer("script_id")
      .notNull()
      .references(() => scripts.id, { onDelete: "cascade" }),
    versionId: integer("version_id")
      .notNull()
      .references(() => scriptVersions.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").notNull(),
    args: jsonb("args").$type<string[]>().notNull(),
    timeoutSeconds: integer("timeout_seconds").notNull(),
    status: scriptRunStatusEnum("status").notNull().default("running"),
    exitCode: integer("exit_code"),
    stdout: text("stdout"),
    stderr: text("stderr"),
    /** Why no exit code: the agent was offline, refused the language, did not answer. */
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("script_runs_script_idx").on(table.scriptId, table.startedAt), index("script_runs_agent_idx").on(table.agentId, table.startedAt)],
);
