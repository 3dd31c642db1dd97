/** System health procedures (specification 000, "System health" and "BSOD"): event log counts and entries, crash history. */
import {
  agentEventStatsList,
  agentHealth,
  bsodData,
  bsodRefreshResult,
  eventEntriesInput,
  eventEntriesResult,
} from "../contracts/system-health";
import { getAgentHealth, getBsodData, listEventEntries, listEventStats, refreshBsod } from "../services/system-health";
import { agentProcedure, router, viewerProcedure } from "../trpc";

const TAG = "System health";

export const systemHealthRouter = router({
  agents: viewerProcedure
    .meta({
      summary: "Cached event log counts (last 24 h) of every visible agent; online agents with stale counts are asked in the background (request-event-stats)",
      tag: TAG,
      routes: { spec000: { method: "GET", path: "/system-health/agents", input: () => undefined } },
    })
    .output(agentEventStatsList)
    .query(({ ctx }) => listEventStats(ctx.service)),
  agent: agentProcedure("viewer")
    .meta({ summary: "One agent's event log counts, live when it answers, otherwise the cached ones and why", tag: TAG, routes: { spec000: { method: "GET", path: "/system-health/agent/{agentId}" } } })
    .output(agentHealth)
    .query(({ ctx }) => getAgentHealth(ctx.service, ctx.agent)),
  entries: agentProcedure("viewer")
    .meta({ summary: "The newest event log entries at one level, asked of the agent (request-event-entries)", tag: TAG, routes: { spec000: { method: "GET", path: "/system-health/{agentId}/entries" } } })
    .input(eventEntriesInput)
    .output(eventEntriesResult)
    .query(({ ctx, input }) => listEventEntries(ctx.service, input)),
  bsod: agentProcedure("viewer")
    .meta({ summary: "The stored crash history (bugchecks, kernel panics)", tag: "BSOD", routes: { spec000: { method: "GET", path: "/bsod/{agentId}/data" } } })
    .output(bsodData)
    .query(({ ctx }) => getBsodData(ctx.service, ctx.agent.id)),
  refreshBsod: agentProcedure("viewer")
    .meta({ summary: "Ask the agent for its crash history in the background (request-bsod); 202 at once", tag: "BSOD", routes: { spec000: { method: "POST", path: "/bsod/{agentId}/refresh", status: 202 } } })
    .output(bsodRefreshResult)
    .mutation(({ ctx }) => refreshBsod(ctx.service, ctx.agent)),
});
