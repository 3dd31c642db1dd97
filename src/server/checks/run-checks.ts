/**
 * One round of checks: each check of a live agent is run (metric checks from the stored metrics,
 * the others by asking online agents), its outcome stored with `last_run`, and the alert model told:
 * a failing check raises its alert (one open per agent and check), a passing one resolves it. A
 * check with nothing to say (stale metrics, agent offline) keeps its last outcome.
 */
import { eq, isNull } from "drizzle-orm";
import type { AlertSeverity } from "../contracts/monitoring";
import { agents, checks, type CheckRow } from "../db/schema";
import { autoResolveCheckAlert, raiseCheckAlert } from "../services/alerts";
import type { ServiceContext } from "../services/service-context";
import { runAgentCheck } from "./agent-checks";
import { evaluateMetricCheck, isMetricCheck, type CheckOutcome } from "./metric-checks";

/** Agent checks run side by side up to this many at once. */
const CONCURRENCY = 8;

type Target = { check: CheckRow; agent: Pick<typeof agents.$inferSelect, "id" | "name" | "displayName" | "status" | "metrics" | "specs"> };

async function outcomeOf(ctx: ServiceContext, { check, agent }: Target, now: Date): Promise<CheckOutcome | null> {
  if (isMetricCheck(check.config)) return evaluateMetricCheck(check.config, agent, now);
  if (agent.status !== "online") return null;
  return runAgentCheck(ctx, agent.id, check.config);
}

async function record(ctx: ServiceContext, target: Target, outcome: CheckOutcome, now: Date): Promise<void> {
  const { check, agent } = target;
  await ctx.db.update(checks).set({ status: outcome.status, moreInfo: outcome.moreInfo, lastRun: now }).where(eq(checks.id, check.id));
  const agentName = agent.displayName ?? agent.name;
  const summary = { id: check.id, name: check.name, checkType: check.checkType, severity: check.severity as AlertSeverity, alertProfileId: check.alertProfileId };
  if (outcome.status === "failing") await raiseCheckAlert(ctx.db, { agentId: agent.id, agentName, check: summary, moreInfo: outcome.moreInfo });
  else await autoResolveCheckAlert(ctx.db, { agentId: agent.id, agentName, check: summary, moreInfo: outcome.moreInfo });
}

/** Runs every check (or those of one agent); answers how many produced an outcome. */
export async function runChecks(ctx: ServiceContext, options: { agentId?: string; now?: () => Date } = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const rows = await ctx.db
    .select({ check: checks, agent: { id: agents.id, name: agents.name, displayName: agents.displayName, status: agents.status, metrics: agents.metrics, specs: agents.specs } })
    .from(checks)
    .innerJoin(agents, eq(agents.id, checks.agentId))
    .where(options.agentId ? eq(checks.agentId, options.agentId) : isNull(agents.revokedAt));
  let done = 0;
  const queue = [...rows];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      const outcome = await outcomeOf(ctx, target, now());
      if (!outcome) continue;
      await record(ctx, target, outcome, now());
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return done;
}
