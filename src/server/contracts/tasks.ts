/** Scheduled tasks' inputs and outputs, shared by the procedures, the REST presenters and the dashboard. */
import { z } from "zod";
import { scheduleProblem } from "../../lib/cron";
import { TASK_RUN_STATUSES } from "./task-statuses";
import { agentIdInput } from "./agents";
import { DEFAULT_SCRIPT_TIMEOUT_SECONDS, scriptArgs, scriptIdInput, scriptTimeout } from "./scripts";

export { TASK_RUN_STATUSES };
export const taskIdInput = z.number({ error: "must be a task id" }).int().min(1).max(2 ** 31 - 1);
const taskName = z.string({ error: "must be a string" }).trim().min(1, "is required").max(128, "must be at most 128 characters");

/** A five-field cron expression in UTC, read by croner (the one reading the server schedules with). */
export const cronScheduleInput = z
  .string({ error: "must be a cron expression" })
  .trim()
  .superRefine((value, ctx) => {
    const problem = scheduleProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const createTaskInput = z.strictObject({
  name: taskName,
  agentId: agentIdInput,
  scriptId: scriptIdInput,
  schedule: cronScheduleInput,
  enabled: z.boolean().default(true),
  /** An occurrence missed while the agent was offline runs when it returns (only the latest one). */
  runMissed: z.boolean().default(false),
  args: scriptArgs.default([]),
  timeoutSeconds: scriptTimeout.default(DEFAULT_SCRIPT_TIMEOUT_SECONDS),
});
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export const updateTaskInput = z.strictObject({
  taskId: taskIdInput,
  name: taskName.optional(),
  schedule: cronScheduleInput.optional(),
  enabled: z.boolean().optional(),
  runMissed: z.boolean().optional(),
  args: scriptArgs.optional(),
  timeoutSeconds: scriptTimeout.optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

export const taskRun = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  scheduledFor: z.string(),
  status: z.enum(TASK_RUN_STATUSES),
  scriptRunId: z.number().int().nullable(),
  exitCode: z.number().int().nullable(),
  output: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TaskRun = z.infer<typeof taskRun>;

export const scheduledTask = z.object({
  id: z.number().int(),
  name: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  scriptId: z.number().int(),
  scriptName: z.string(),
  args: z.array(z.string()),
  timeoutSeconds: z.number().int(),
  schedule: z.string(),
  enabled: z.boolean(),
  runMissed: z.boolean(),
  /** The occurrence due next; null while the task is disabled. */
  nextRunAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastRun: taskRun.nullable(),
});
export type ScheduledTask = z.infer<typeof scheduledTask>;
