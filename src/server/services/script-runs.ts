/**
 * Running library scripts on agents (`run-script`) and the record of every run: who asked, on
 * which agent, which version (id and SHA-256), the arguments, when it started and ended, the exit
 * code and the output (cut at STORED_OUTPUT_MAX_CHARS per stream). A run is stored before the
 * agent is asked, so a run that never finishes still shows who started it. Each run is audited.
 */
import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { RunCommandResult } from "../../protocol";
import type { ScriptRun } from "../contracts/scripts";
import { agents, scriptRuns, scripts, scriptVersions } from "../db/schema";
import { agentsVisibleTo } from "./tenancy";
import { assertRunnable, findScript } from "./scripts";
import type { ServiceContext } from "./service-context";

export const STORED_OUTPUT_MAX_CHARS = 65_536;
const STORED_TRUNCATED = "\n[stored output truncated]";
/** The agent's own timeout ends the script; this is how much longer the server waits for the answer. */
const ANSWER_GRACE_MS = 15_000;
const RUN_HISTORY_LIMIT = 100;

type RunRow = typeof scriptRuns.$inferSelect;
type Joined = { run: RunRow; scriptName: string; version: number; agentName: string };

const clip = (text: string) => (text.length > STORED_OUTPUT_MAX_CHARS ? text.slice(0, STORED_OUTPUT_MAX_CHARS) + STORED_TRUNCATED : text);

function toRun({ run, scriptName, version, agentName }: Joined): ScriptRun {
  return {
    id: run.id,
    scriptId: run.scriptId,
    scriptName,
    version,
    sha256: run.sha256,
    agentId: run.agentId,
    agentName,
    requestedBy: run.requestedBy,
    args: run.args,
    status: run.status,
    exitCode: run.exitCode,
    stdout: run.stdout,
    stderr: run.stderr,
    error: run.error,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
  };
}

async function selectRuns(ctx: Pick<ServiceContext, "db"> & { actor?: ServiceContext["actor"] }, where: SQL | undefined, limit = RUN_HISTORY_LIMIT): Promise<ScriptRun[]> {
  const rows = await ctx.db
    .select({ run: scriptRuns, scriptName: scripts.name, version: scriptVersions.version, agentName: agents.name, displayName: agents.displayName })
    .from(scriptRuns)
    .innerJoin(scripts, eq(scripts.id, scriptRuns.scriptId))
    .innerJoin(scriptVersions, eq(scriptVersions.id, scriptRuns.versionId))
    .innerJoin(agents, eq(agents.id, scriptRuns.agentId))
    .where(and(where, ctx.actor ? agentsVisibleTo(ctx.actor) : undefined))
    .orderBy(desc(scriptRuns.startedAt), desc(scriptRuns.id))
    .limit(limit);
  return rows.map((row) => toRun({ ...row, agentName: row.displayName ?? row.agentName }));
}

/** The latest runs of a script or on an agent, newest first, limited to the agents the actor may see. */
export function listScriptRuns(ctx: Pick<ServiceContext, "db"> & { actor?: ServiceContext["actor"] }, filter: { scriptId?: number; agentId?: string }): Promise<ScriptRun[]> {
  return selectRuns(ctx, and(filter.scriptId !== undefined ? eq(scriptRuns.scriptId, filter.scriptId) : undefined, filter.agentId !== undefined ? eq(scriptRuns.agentId, filter.agentId) : undefined));
}

function statusOf(result: RunCommandResult): ScriptRun["status"] {
  if (result.timedOut) return "timeout";
  return result.exitCode === 0 ? "succeeded" : "failed";
}

type Prepared = Awaited<ReturnType<typeof findScript>>;
type RunOptions = { args: string[]; timeoutSeconds: number };

/**
 * Stores the run, then returns it with `finished`: the agent's answer recorded (resolves with the
 * finished run; rejects after recording the failure).
 */
async function startRun(ctx: ServiceContext, prepared: Prepared, agentId: string, options: RunOptions): Promise<{ started: ScriptRun; finished: Promise<ScriptRun> }> {
  const { script, version } = prepared;
  const [run] = await ctx.db
    .insert(scriptRuns)
    .values({ scriptId: script.id, versionId: version.id, sha256: version.sha256, agentId, requestedBy: ctx.actor.username, args: options.args, timeoutSeconds: options.timeoutSeconds })
    .returning({ id: scriptRuns.id });
  const runId = run!.id;
  const read = async () => (await selectRuns(ctx, eq(scriptRuns.id, runId), 1))[0]!;
  const audit = (success: boolean, extra: Record<string, unknown>) =>
    ctx.audit({ action: "script.run", target: agentId, success, details: { script: script.name, scriptId: script.id, version: version.version, sha256: version.sha256, runId, ...extra } });
  const finish = (values: Partial<RunRow>) => ctx.db.update(scriptRuns).set({ ...values, finishedAt: new Date() }).where(eq(scriptRuns.id, runId));

  const finished = (async () => {
    try {
      const payload = { language: version.language, content: version.content, args: options.args, timeoutSeconds: options.timeoutSeconds };
      const result = await ctx.request(agentId, "run-script", payload, { timeoutMs: options.timeoutSeconds * 1000 + ANSWER_GRACE_MS });
      const status = statusOf(result);
      await finish({ status, exitCode: result.exitCode, stdout: clip(result.stdout), stderr: clip(result.stderr) });
      await audit(status === "succeeded", { exitCode: result.exitCode, status });
      // The caller sees the agent's whole output (up to its own cap), not the stored cut.
      return { ...(await read()), stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finish({ status: "error", error: message });
      await audit(false, { error: message });
      throw error;
    }
  })();
  // Marked as handled now: it may fail before the caller attaches its own handler (or never does, with `forget`).
  finished.catch(() => undefined);
  return { started: await read(), finished };
}

async function prepare(ctx: ServiceContext, ref: number | string): Promise<Prepared> {
  const prepared = await findScript(ctx.db, ref);
  try {
    assertRunnable(prepared.script, prepared.version);
  } catch (error) {
    await ctx.audit({ action: "script.run", target: prepared.script.name, success: false, details: { scriptId: prepared.script.id, version: prepared.version.version, error: "not approved" } });
    throw error;
  }
  return prepared;
}

/**
 * One agent. `wait` answers with the finished run (an offline agent is 503, no answer in time 504);
 * otherwise it answers at once with the stored, still running, run and records the outcome later.
 */
export async function runScriptOnAgent(ctx: ServiceContext, input: { scriptId: number; agentId: string; wait: boolean } & RunOptions): Promise<ScriptRun> {
  const { started, finished } = await startScriptOnAgent(ctx, input);
  return input.wait ? finished : started;
}

/** One agent, answered with both halves: the stored run at once and its outcome later (the task scheduler links the first and records the second). */
export async function startScriptOnAgent(ctx: ServiceContext, input: { scriptId: number; agentId: string } & RunOptions): Promise<{ started: ScriptRun; finished: Promise<ScriptRun> }> {
  return startRun(ctx, await prepare(ctx, input.scriptId), input.agentId, input);
}

/**
 * Several agents side by side, each recorded on its own; unknown (or hidden) agents are listed as
 * missing. With `wait`, answers with every run once all have ended (a failure is a run with status
 * `error`); without, once each run is stored.
 */
export async function runScriptOnAgents(
  ctx: ServiceContext,
  input: { script: number | string; agentIds: string[]; wait: boolean } & RunOptions,
): Promise<{ scriptName: string; runs: ScriptRun[]; missing: string[] }> {
  const prepared = await prepare(ctx, input.script);
  const unique = [...new Set(input.agentIds)];
  const visible = await ctx.db
    .select({ id: agents.id })
    .from(agents)
    .where(and(inArray(agents.id, unique), isNull(agents.revokedAt), agentsVisibleTo(ctx.actor)));
  const known = new Set(visible.map((row) => row.id));
  const targets = unique.filter((id) => known.has(id));
  const missing = unique.filter((id) => !known.has(id));
  const started = await Promise.all(targets.map((agentId) => startRun(ctx, prepared, agentId, input)));
  const runs = await Promise.all(
    started.map(async ({ started: run, finished }) => {
      const settled = finished.catch(async () => (await selectRuns(ctx, eq(scriptRuns.id, run.id), 1))[0]!);
      return input.wait ? settled : run;
    }),
  );
  return { scriptName: prepared.script.name, runs, missing };
}
