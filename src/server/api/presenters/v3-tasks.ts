/**
 * Tactical RMM's (/api/v3) shape of a scheduled task: spec 003's `{ name, agent, script, schedule,
 * enabled }`, plus what the product adds (arguments, timeout, run_missed) and the next and last runs.
 */
import { z } from "zod";
import type { ScheduledTask } from "../../contracts/tasks";
import type { Presenter, RouteRequest } from "../route-types";

const v3Task = z.object({
  id: z.number().int(),
  name: z.string(),
  agent: z.string(),
  script: z.number().int(),
  script_name: z.string(),
  schedule: z.string().describe("five-field cron expression, UTC"),
  enabled: z.boolean(),
  run_missed: z.boolean(),
  args: z.array(z.string()),
  timeout: z.number().int(),
  next_run: z.string().nullable(),
  last_run: z.string().nullable(),
  last_status: z.string().nullable(),
  retcode: z.number().int().nullable(),
});

const toV3Task = (task: ScheduledTask): z.infer<typeof v3Task> => ({
  id: task.id,
  name: task.name,
  agent: task.agentId,
  script: task.scriptId,
  script_name: task.scriptName,
  schedule: task.schedule,
  enabled: task.enabled,
  run_missed: task.runMissed,
  args: task.args,
  timeout: task.timeoutSeconds,
  next_run: task.nextRunAt,
  last_run: task.lastRun?.startedAt ?? task.lastRun?.scheduledFor ?? null,
  last_status: task.lastRun?.status ?? null,
  retcode: task.lastRun?.exitCode ?? null,
});

export const v3TaskList: Presenter<ScheduledTask[]> = { schema: z.array(v3Task), present: (list) => list.map(toV3Task) };
export const v3TaskDetail: Presenter<ScheduledTask> = { schema: v3Task, present: toV3Task };

export const v3CreateTaskBody = z.object({
  name: z.string(),
  agent: z.string(),
  script: z.number().int().describe("id from GET /api/v3/scripts/"),
  schedule: z.string().describe("five-field cron expression, UTC, e.g. `0 3 * * 0`"),
  enabled: z.boolean().optional(),
  run_missed: z.boolean().optional().describe("run an occurrence missed while the agent was offline when it returns"),
  args: z.array(z.string()).optional(),
  timeout: z.number().int().max(300).optional(),
});

export function v3CreateTaskInput({ body }: RouteRequest) {
  const { name, agent, script, schedule, enabled, run_missed, args, timeout } = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { name, agentId: agent, scriptId: script, schedule, enabled, runMissed: run_missed, args, timeoutSeconds: timeout };
}
