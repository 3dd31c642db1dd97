/**
 * Scheduled tasks (spec 003 "Tasks"): create, change, delete and list them, and read each one's
 * run history. A task is confined to the agents its actor may see, like its agent. The schedule's
 * next occurrence is stored (`next_run_at`) whenever the schedule or the enabled flag changes;
 * running what is due is the scheduler's job (src/server/scheduler/run-due-tasks.ts).
 */
import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { nextOccurrence } from "../../lib/cron";
import type { CreateTaskInput, ScheduledTask, TaskRun, UpdateTaskInput } from "../contracts/tasks";
import { agents, scheduledTasks, scripts, taskRuns } from "../db/schema";
import { AppError } from "../errors";
import { findScript } from "./scripts";
import type { ServiceContext } from "./service-context";
import { agentsVisibleTo } from "./tenancy";

const RUN_HISTORY_LIMIT = 100;

type TaskRow = typeof scheduledTasks.$inferSelect;
type RunRow = typeof taskRuns.$inferSelect;

export function toTaskRun(run: RunRow): TaskRun {
  return {
    id: run.id,
    taskId: run.taskId,
    scheduledFor: run.scheduledFor.toISOString(),
    status: run.status,
    scriptRunId: run.scriptRunId,
    exitCode: run.exitCode,
    output: run.output,
    error: run.error,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** The tasks the actor may see (or those matching `where`), with their agent's and script's names and their latest run. */
async function selectTasks(ctx: ServiceContext, where?: SQL): Promise<ScheduledTask[]> {
  const rows = await ctx.db
    .select({ task: scheduledTasks, agentName: agents.name, displayName: agents.displayName, scriptName: scripts.name })
    .from(scheduledTasks)
    .innerJoin(agents, eq(agents.id, scheduledTasks.agentId))
    .innerJoin(scripts, eq(scripts.id, scheduledTasks.scriptId))
    .where(and(where, isNull(agents.revokedAt), agentsVisibleTo(ctx.actor)))
    .orderBy(scheduledTasks.name, scheduledTasks.id);
  const ids = rows.map((row) => row.task.id);
  const latest = ids.length
    ? await ctx.db.selectDistinctOn([taskRuns.taskId]).from(taskRuns).where(inArray(taskRuns.taskId, ids)).orderBy(taskRuns.taskId, desc(taskRuns.scheduledFor), desc(taskRuns.id))
    : [];
  const lastRuns = new Map(latest.map((run) => [run.taskId, toTaskRun(run)]));
  return rows.map(({ task, agentName, displayName, scriptName }) => ({
    id: task.id,
    name: task.name,
    agentId: task.agentId,
    agentName: displayName ?? agentName,
    scriptId: task.scriptId,
    scriptName,
    args: task.args,
    timeoutSeconds: task.timeoutSeconds,
    schedule: task.schedule,
    enabled: task.enabled,
    runMissed: task.runMissed,
    nextRunAt: task.nextRunAt?.toISOString() ?? null,
    createdBy: task.createdBy,
    createdAt: task.createdAt.toISOString(),
    lastRun: lastRuns.get(task.id) ?? null,
  }));
}

async function getTask(ctx: ServiceContext, taskId: number): Promise<ScheduledTask> {
  const [task] = await selectTasks(ctx, eq(scheduledTasks.id, taskId));
  if (!task) throw new AppError("NOT_FOUND", `Task ${taskId} not found`);
  return task;
}

const nextRunAt = (task: Pick<TaskRow, "enabled" | "schedule">, now: Date) => (task.enabled ? nextOccurrence(task.schedule, now) : null);

export function listTasks(ctx: ServiceContext, filter: { agentId?: string } = {}): Promise<ScheduledTask[]> {
  return selectTasks(ctx, filter.agentId !== undefined ? eq(scheduledTasks.agentId, filter.agentId) : undefined);
}

export async function createTask(ctx: ServiceContext, input: CreateTaskInput, now = new Date()): Promise<ScheduledTask> {
  const [agent] = await ctx.db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.id, input.agentId), isNull(agents.revokedAt), agentsVisibleTo(ctx.actor)));
  if (!agent) throw new AppError("NOT_FOUND", `Agent '${input.agentId}' not found`);
  const { script } = await findScript(ctx.db, input.scriptId);
  const [row] = await ctx.db
    .insert(scheduledTasks)
    .values({ ...input, nextRunAt: nextRunAt(input, now), createdBy: ctx.actor.username })
    .returning({ id: scheduledTasks.id });
  await ctx.audit({ action: "task.create", target: input.agentId, details: { taskId: row!.id, name: input.name, script: script.name, schedule: input.schedule, enabled: input.enabled } });
  return getTask(ctx, row!.id);
}

export async function updateTask(ctx: ServiceContext, input: UpdateTaskInput, now = new Date()): Promise<ScheduledTask> {
  const { taskId, ...changes } = input;
  const before = await getTask(ctx, taskId);
  const schedule = { schedule: changes.schedule ?? before.schedule, enabled: changes.enabled ?? before.enabled };
  const rescheduled = schedule.schedule !== before.schedule || schedule.enabled !== before.enabled;
  await ctx.db
    .update(scheduledTasks)
    .set({ ...changes, ...(rescheduled ? { nextRunAt: nextRunAt(schedule, now) } : {}), updatedAt: now })
    .where(eq(scheduledTasks.id, taskId));
  await ctx.audit({ action: "task.update", target: before.agentId, details: { taskId, name: before.name, changes } });
  return getTask(ctx, taskId);
}

export async function deleteTask(ctx: ServiceContext, taskId: number): Promise<{ deleted: true }> {
  const task = await getTask(ctx, taskId);
  await ctx.db.delete(scheduledTasks).where(eq(scheduledTasks.id, taskId));
  await ctx.audit({ action: "task.delete", target: task.agentId, details: { taskId, name: task.name } });
  return { deleted: true };
}

/** A task's occurrences, newest first. */
export async function listTaskRuns(ctx: ServiceContext, taskId: number): Promise<TaskRun[]> {
  await getTask(ctx, taskId);
  const rows = await ctx.db.select().from(taskRuns).where(eq(taskRuns.taskId, taskId)).orderBy(desc(taskRuns.scheduledFor), desc(taskRuns.id)).limit(RUN_HISTORY_LIMIT);
  return rows.map(toTaskRun);
}
