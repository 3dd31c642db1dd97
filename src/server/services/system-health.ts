/**
 * System health: OS event log counts and entries, and crash history (BSOD), per device.
 * Counts are cached per agent (agent_snapshots "event-stats") so that the all-devices view answers at
 * once from the cache and refreshes online agents behind it; entries are always asked live. Crash
 * history ("bsod") is collected in the background on request, as the spec's 202 says.
 */
import { and, asc, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { CommandResultOf, EventLevel } from "../../protocol";
import type { AgentEventStats, bsodData } from "../contracts/system-health";
import { agents } from "../db/schema";
import { AppError } from "../errors";
import { readSnapshot, readSnapshots, saveSnapshot, type Snapshot } from "./agent-snapshots";
import { runInBackground } from "./background";
import type { ServiceContext } from "./service-context";
import { agentsVisibleTo } from "./tenancy";

const STATS_KIND = "event-stats";
const BSOD_KIND = "bsod";
/** Counts cover the last day; the dashboard's line says "24 h". */
const STATS_HOURS = 24;
/** The all-devices view asks an agent again once its counts are this old. */
export const STATS_STALE_AFTER_MS = 5 * 60_000;
const REFRESH_CONCURRENCY = 4;
const DEFAULT_ENTRY_LIMIT = 200;

type RequestEventStatsResult = CommandResultOf<"request-event-stats">;
type RequestBsodResult = CommandResultOf<"request-bsod">;

type AgentRow = { id: string; name: string; status: "online" | "offline" };

/** Agents whose refresh is under way in this process, so repeated page loads do not pile up requests. */
const refreshing = new Set<string>();

function record(agent: AgentRow, cached: Snapshot<RequestEventStatsResult> | null | undefined): AgentEventStats {
  return { agentId: agent.id, name: agent.name, status: agent.status, stats: cached?.data ?? null, collectedAt: cached?.collectedAt.toISOString() ?? null };
}

export async function refreshEventStats(ctx: ServiceContext, agentId: string): Promise<RequestEventStatsResult> {
  const stats = await ctx.request(agentId, "request-event-stats", { sinceHours: STATS_HOURS });
  await saveSnapshot(ctx.db, agentId, STATS_KIND, stats, new Date(stats.collectedAt));
  return stats;
}

/** Every visible agent's cached counts, now; online agents with no or stale counts are asked in the background. */
export async function listEventStats(ctx: ServiceContext, { now = new Date() }: { now?: Date } = {}): Promise<{ agents: AgentEventStats[] }> {
  const rows: AgentRow[] = await ctx.db
    .select({ id: agents.id, name: agents.name, status: agents.status })
    .from(agents)
    .where(and(isNull(agents.revokedAt), agentsVisibleTo(ctx.actor)))
    .orderBy(asc(agents.name), asc(agents.id));
  const cached = await readSnapshots<RequestEventStatsResult>(ctx.db, rows.map((row) => row.id), STATS_KIND);
  const due = rows
    .filter((row) => row.status === "online" && !refreshing.has(row.id))
    .filter((row) => {
      const snapshot = cached.get(row.id);
      return !snapshot || now.getTime() - snapshot.collectedAt.getTime() > STATS_STALE_AFTER_MS;
    })
    .map((row) => row.id);
  for (const id of due) refreshing.add(id);
  runInBackground("event-stats", due, REFRESH_CONCURRENCY, (agentId) => refreshEventStats(ctx, agentId).finally(() => refreshing.delete(agentId)));
  return { agents: rows.map((row) => record(row, cached.get(row.id))) };
}

/** One agent: live counts when it answers, else the cached ones with the reason. */
export async function getAgentHealth(ctx: ServiceContext, agent: AgentRow) {
  try {
    const stats = await refreshEventStats(ctx, agent.id);
    return { ...record(agent, { data: stats, collectedAt: new Date(stats.collectedAt) }), live: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ...record(agent, await readSnapshot<RequestEventStatsResult>(ctx.db, agent.id, STATS_KIND)), live: false, error: error.message };
  }
}

export async function listEventEntries(ctx: ServiceContext, input: { agentId: string; level: EventLevel; limit?: number }) {
  const { entries } = await ctx.request(input.agentId, "request-event-entries", { level: input.level, limit: input.limit ?? DEFAULT_ENTRY_LIMIT });
  return { agentId: input.agentId, level: input.level, entries, retrievedAt: new Date().toISOString() };
}

export async function getBsodData(ctx: Pick<ServiceContext, "db">, agentId: string): Promise<z.infer<typeof bsodData>> {
  return { summary: (await readSnapshot<RequestBsodResult>(ctx.db, agentId, BSOD_KIND))?.data.summary ?? null };
}

/** Accepted at once (202); the agent's answer replaces the stored summary when it comes. An offline agent is refused now (503). */
export function refreshBsod(ctx: ServiceContext, agent: AgentRow): { agentId: string; accepted: true } {
  if (agent.status !== "online") throw new AppError("AGENT_OFFLINE", `Agent '${agent.name}' (${agent.id}) is offline`);
  runInBackground("bsod", [agent.id], 1, async (agentId) => {
    const result = await ctx.request(agentId, "request-bsod", {});
    await saveSnapshot(ctx.db, agentId, BSOD_KIND, result, new Date(result.summary.collectedAt));
  });
  return { agentId: agent.id, accepted: true };
}
