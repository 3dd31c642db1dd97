/**
 * The scheduler's one pass (run every few seconds by the `scheduled-tasks` job, in whichever web
 * process gets it): runs every task whose next occurrence is due, and every occurrence an agent
 * missed while offline once it is back. Several processes may pass at once; each occurrence is
 * claimed exactly once: by moving the task's `next_run_at` forward with an update conditional on
 * the value read, then by the unique (task, scheduled_for) row, and a missed run by flipping its
 * status from `pending` to `running`.
 *
 * A run is a library script run (`startScriptOnAgent`, so four-eyes approval applies: an unapproved
 * version fails the run with the reason) recorded as the scheduler, linked from the task's run.
 */
import { and, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { nextOccurrence } from "../../lib/cron";
import type { CommandWaiters } from "../bus/command-waiters";
import type { TaskRunStatus } from "../contracts/task-statuses";
import type { Db } from "../db/client";
import { agents, scheduledTasks, taskRuns } from "../db/schema";
import { startScriptOnAgent } from "../services/script-runs";
import { createServiceContext, systemContext } from "../services/service-context";

/** How much of a run's output the history keeps (the linked script run has all of it). */
export const OUTPUT_EXCERPT_CHARS = 2_000;
const SCHEDULER = "scheduler";
/** Beyond its timeout, how long a run may stay `running` before it counts as lost (its web process ended mid-run). */
export const LOST_RUN_GRACE_SECONDS = 120;

/** `waiters` is asked for only when a run starts: a pass with nothing to run opens no bus connection. */
export type SchedulerDeps = { db: Db; waiters: () => CommandWaiters };
type Task = typeof scheduledTasks.$inferSelect;

/** What a pass did; `finished` settles once every run it started has its outcome recorded. */
export type SchedulerPass = { started: number; missed: number; finished: Promise<void> };

export async function runDueTasks(deps: SchedulerDeps, now = new Date()): Promise<SchedulerPass> {
  await closeLostRuns(deps.db, now);
  const due = await deps.db
    .select({ task: scheduledTasks, agentStatus: agents.status })
    .from(scheduledTasks)
    .innerJoin(agents, eq(agents.id, scheduledTasks.agentId))
    .where(and(eq(scheduledTasks.enabled, true), lte(scheduledTasks.nextRunAt, now), isNull(agents.revokedAt)));

  const runs: Promise<void>[] = [];
  let missed = 0;
  for (const { task, agentStatus } of due) {
    const occurrence = await claimOccurrence(deps.db, task, now);
    if (!occurrence) continue;
    if (agentStatus === "online") {
      const runId = await recordOccurrence(deps.db, task, occurrence, { status: "running", startedAt: now });
      if (runId) runs.push(execute(deps, task, runId));
    } else if (await recordMissed(deps.db, task, occurrence)) {
      missed += 1;
    }
  }
  for (const { task, runId } of await claimReturned(deps.db, now)) runs.push(execute(deps, task, runId));
  return { started: runs.length, missed, finished: Promise.all(runs).then(() => undefined) };
}

/** Runs whose outcome can no longer arrive (the process that waited for it is gone) end as errors instead of `running` forever. */
async function closeLostRuns(db: Db, now: Date): Promise<void> {
  await db
    .update(taskRuns)
    .set({ status: "error", error: "no outcome was recorded (the server stopped while the script ran)", finishedAt: now })
    .where(
      and(
        eq(taskRuns.status, "running"),
        sql`${taskRuns.startedAt} < ${now.toISOString()}::timestamptz - make_interval(secs => ${LOST_RUN_GRACE_SECONDS} + (select t.timeout_seconds from ${scheduledTasks} t where t.id = ${taskRuns.taskId}))`,
      ),
    );
}

/** Moves the task past its due occurrence; answers the occurrence when this pass won it. */
async function claimOccurrence(db: Db, task: Task, now: Date): Promise<Date | null> {
  const due = task.nextRunAt!;
  // Occurrences passed while no process ran the scheduler are not made up: the next one is after now.
  const next = nextOccurrence(task.schedule, now);
  const [claimed] = await db
    .update(scheduledTasks)
    .set({ nextRunAt: next })
    .where(and(eq(scheduledTasks.id, task.id), eq(scheduledTasks.nextRunAt, due)))
    .returning({ id: scheduledTasks.id });
  return claimed ? due : null;
}

async function recordOccurrence(db: Db, task: Task, scheduledFor: Date, values: { status: TaskRunStatus; startedAt?: Date; error?: string }): Promise<number | null> {
  const [row] = await db
    .insert(taskRuns)
    .values({ taskId: task.id, scheduledFor, ...values })
    .onConflictDoNothing()
    .returning({ id: taskRuns.id });
  return row?.id ?? null;
}

/** The agent is offline: the occurrence is missed, or, when the task says so, waits for the agent (replacing an older waiting one: it runs once, not once per missed occurrence). */
async function recordMissed(db: Db, task: Task, scheduledFor: Date): Promise<boolean> {
  if (!task.runMissed) return (await recordOccurrence(db, task, scheduledFor, { status: "missed", error: "the agent was offline" })) !== null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taskRuns)
      .values({ taskId: task.id, scheduledFor, status: "pending", error: "the agent was offline; runs when it returns" })
      .onConflictDoNothing()
      .returning({ id: taskRuns.id });
    if (!row) return false;
    await tx
      .update(taskRuns)
      .set({ status: "missed", error: "the agent was offline; a later occurrence runs in its place" })
      .where(and(eq(taskRuns.taskId, task.id), eq(taskRuns.status, "pending"), ne(taskRuns.id, row.id)));
    return true;
  });
}

/** Missed occurrences whose agent is back online, each claimed by this pass alone. */
async function claimReturned(db: Db, now: Date): Promise<{ task: Task; runId: number }[]> {
  const claimed = await db
    .update(taskRuns)
    .set({ status: "running", startedAt: now, error: null })
    .where(
      and(
        eq(taskRuns.status, "pending"),
        inArray(
          taskRuns.taskId,
          sql`(select t.id from ${scheduledTasks} t join ${agents} a on a.id = t.agent_id where t.enabled and t.run_missed and a.status = 'online' and a.revoked_at is null)`,
        ),
      ),
    )
    .returning({ id: taskRuns.id, taskId: taskRuns.taskId });
  if (!claimed.length) return [];
  const tasks = await db.select().from(scheduledTasks).where(inArray(scheduledTasks.id, claimed.map((run) => run.taskId)));
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return claimed.map((run) => ({ task: byId.get(run.taskId)!, runId: run.id }));
}

const excerpt = (stdout: string | null, stderr: string | null) => [stdout, stderr].filter(Boolean).join("\n").slice(0, OUTPUT_EXCERPT_CHARS);

/** Runs the task's script and records the outcome on the task's run; never rejects. */
async function execute(deps: SchedulerDeps, task: Task, runId: number): Promise<void> {
  const actor = { userId: 0, username: `${SCHEDULER}: ${task.name}`, role: "operator" as const, via: "session" as const, clientIds: null };
  // Audited as the product acting by itself; the script run names the task as who asked.
  const ctx = { ...createServiceContext({ db: deps.db, actor, clientIp: SCHEDULER, waiters: deps.waiters }), audit: systemContext(deps.db).audit };
  const finish = (values: Partial<typeof taskRuns.$inferInsert>) => deps.db.update(taskRuns).set({ ...values, finishedAt: new Date() }).where(eq(taskRuns.id, runId));
  try {
    const { started, finished } = await startScriptOnAgent(ctx, { scriptId: task.scriptId, agentId: task.agentId, args: task.args, timeoutSeconds: task.timeoutSeconds });
    await deps.db.update(taskRuns).set({ scriptRunId: started.id }).where(eq(taskRuns.id, runId));
    const run = await finished;
    await finish({ status: run.status === "running" ? "error" : run.status, exitCode: run.exitCode, output: excerpt(run.stdout, run.stderr) });
  } catch (error) {
    await finish({ status: "error", error: error instanceof Error ? error.message : String(error) }).catch((failure: unknown) => console.error("[scheduler] recording a failed run:", failure));
  }
}
