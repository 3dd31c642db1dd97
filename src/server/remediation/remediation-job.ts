/**
 * Runs queued remediations (remediation/queue.ts) every few seconds in whichever web process
 * takes the job: each as a recorded script run by the system actor `system:remediation`, so the
 * run shows in the script runs and the audit log, and four-eyes approval applies (an unapproved
 * version is not run; the `remediation-result` event says why). At most one remediation per agent
 * and script starts within RATE_LIMIT_MS; later requests in that window are skipped as
 * rate-limited, so a flapping alert cannot run a script in a loop. Rows are worked one after the
 * other so that the rate limit sees the run before.
 */
import { and, eq, gt, isNotNull, ne, sql } from "drizzle-orm";
import { getCommandWaiters } from "../bus/web-bus";
import type { Db } from "../db/client";
import { agents, remediations } from "../db/schema";
import { defineJob } from "../jobs/queue";
import { publishMonitoringEvent } from "../monitoring/events";
import { runScriptOnAgents } from "../services/script-runs";
import { systemActorContext, type ServiceContext } from "../services/service-context";

export const RATE_LIMIT_MS = 10 * 60_000;
export const REMEDIATION_TIMEOUT_SECONDS = 120;
const BATCH = 10;

type Remediation = typeof remediations.$inferSelect;
type Outcome = { status: "succeeded" | "failed" | "skipped"; reason?: string; scriptRunId?: number; exitCode?: number | null };

async function recentlyStarted(db: Db, remediation: Remediation, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: remediations.id })
    .from(remediations)
    .where(
      and(
        eq(remediations.agentId, remediation.agentId),
        sql`lower(${remediations.scriptName}) = lower(${remediation.scriptName})`,
        ne(remediations.id, remediation.id),
        isNotNull(remediations.startedAt),
        gt(remediations.startedAt, new Date(now.getTime() - RATE_LIMIT_MS)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

async function remediate(ctx: ServiceContext, remediation: Remediation, now: Date): Promise<Outcome> {
  if (await recentlyStarted(ctx.db, remediation, now)) {
    return { status: "skipped", reason: `rate-limited: '${remediation.scriptName}' already ran on this agent within the last ${RATE_LIMIT_MS / 60_000} minutes` };
  }
  const started = (at: Date | null) => ctx.db.update(remediations).set({ startedAt: at }).where(eq(remediations.id, remediation.id));
  await started(now);
  try {
    const { runs, missing } = await runScriptOnAgents(ctx, { script: remediation.scriptName, agentIds: [remediation.agentId], wait: true, args: [], timeoutSeconds: REMEDIATION_TIMEOUT_SECONDS });
    const run = runs[0];
    if (run?.status === "succeeded") return { status: "succeeded", scriptRunId: run.id, exitCode: run.exitCode };
    if (run) return { status: "failed", scriptRunId: run.id, exitCode: run.exitCode, reason: run.error ?? `the script ended ${run.status}${run.exitCode === null ? "" : ` with exit code ${run.exitCode}`}` };
    await started(null);
    return { status: "skipped", reason: `the agent is unknown (${missing.join(", ")})` };
  } catch (error) {
    // Not found, or refused by four-eyes approval: nothing ran, so the next request (once approved) is not rate-limited.
    await started(null);
    return { status: "skipped", reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Works the pending remediations; answers how many it handled. */
export async function runPendingRemediations(ctx: ServiceContext, now: () => Date = () => new Date()): Promise<number> {
  const claimed = await ctx.db
    .update(remediations)
    .set({ status: "running" })
    .where(sql`${remediations.id} in (select id from ${remediations} where status = 'pending' order by id limit ${BATCH} for update skip locked)`)
    .returning();
  claimed.sort((a, b) => a.id - b.id);
  for (const remediation of claimed) {
    const outcome = await remediate(ctx, remediation, now());
    await ctx.db
      .update(remediations)
      .set({ status: outcome.status, reason: outcome.reason ?? null, scriptRunId: outcome.scriptRunId ?? null, finishedAt: now() })
      .where(eq(remediations.id, remediation.id));
    const [agent] = await ctx.db.select({ name: sql<string>`coalesce(${agents.displayName}, ${agents.name})` }).from(agents).where(eq(agents.id, remediation.agentId));
    await publishMonitoringEvent(ctx.db, "remediation-result", {
      agentId: remediation.agentId,
      agentName: agent?.name,
      alertId: remediation.alertId,
      remediationId: remediation.id,
      scriptName: remediation.scriptName,
      ...outcome,
    });
  }
  return claimed.length;
}

export const remediationDispatch = defineJob({
  name: "remediation-dispatch",
  schedule: { everySeconds: 5 },
  // The next run picks up what this one did not reach; a row left `running` by a dead process is not retried (a script may have run).
  retry: { retryLimit: 0 },
  timeoutSeconds: BATCH * (REMEDIATION_TIMEOUT_SECONDS + 30),
  run: async (_data, { db }) => {
    await runPendingRemediations(systemActorContext({ db, username: "system:remediation", waiters: getCommandWaiters }));
  },
});
