/**
 * Scheduled tasks (spec 003 "Tasks"): a library script run on one agent on a cron schedule, and
 * the record of each occurrence. `next_run_at` is the occurrence due next (null while disabled);
 * a scheduler claims it by moving it forward with a conditional update, and the unique
 * (task, scheduled_for) row is the second guard that an occurrence runs at most once.
 */
import { boolean, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { TASK_RUN_STATUSES } from "../../contracts/task-statuses";
import { agents } from "./agents";
import { scriptRuns, scripts } from "./scripts";

export const taskRunStatusEnum = pgEnum("task_run_status", TASK_RUN_STATUSES);

export const scheduledTasks = pgTable(
  "scheduled_tasks",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    scriptId: integer("script_id")
      .notNull()
      .references(() => scripts.id, { onDelete: "cascade" }),
    args: jsonb("args").$type<string[]>().notNull(),
    timeoutSeconds: integer("timeout_seconds").notNull(),
    /** A five- or six-field cron expression, evaluated in UTC. */
    schedule: text("schedule").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    runMissed: boolean("run_missed").notNull().default(false),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("scheduled_tasks_next_run_idx").on(table.nextRunAt), index("scheduled_tasks_agent_idx").on(table.agentId)],
);

export const taskRuns = pgTable(
  "task_runs",
  {
    id: serial("id").primaryKey(),
    taskId: integer("task_id")
      .notNull()
      .references(() => scheduledTasks.id, { onDelete: "cascade" }),
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }).notNull(),
    status: taskRunStatusEnum("status").notNull(),
    scriptRunId: integer("script_run_id").references(() => scriptRuns.id, { onDelete: "set null" }),
    exitCode: integer("exit_code"),
    /** The start of the script's output (stdout, then stderr), for the history list. */
    output: text("output"),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("task_runs_occurrence_idx").on(table.taskId, table.scheduledFor), index("task_runs_status_idx").on(table.status)],
);
