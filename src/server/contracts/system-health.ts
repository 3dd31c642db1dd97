/** Request and answer schemas of system health (specification 000, "System health" and "BSOD"). */
import { z } from "zod";
import { eventEntry, eventLevel, requestBsodResult, requestEventStatsResult } from "../../protocol";
import { agentIdInput } from "./agents";

export const eventStats = requestEventStatsResult;

/** One agent's cached event counts; `stats` is null until the agent has answered once. */
export const agentEventStats = z.object({
  agentId: z.string(),
  name: z.string(),
  status: z.enum(["online", "offline"]),
  stats: eventStats.nullable(),
  collectedAt: z.string().nullable(),
});
export type AgentEventStats = z.infer<typeof agentEventStats>;

export const agentEventStatsList = z.object({ agents: z.array(agentEventStats) });

/** The agent's record with live counts when it answered, otherwise the cached ones and why they are not live. */
export const agentHealth = agentEventStats.extend({ live: z.boolean(), error: z.string().optional() });

/** "info" is accepted for "information", the word the dashboard's filter and scripts tend to use. */
const levelInput = z.preprocess((value) => (value === "info" ? "information" : value), eventLevel);

export const eventEntriesInput = z.strictObject({
  agentId: agentIdInput,
  level: levelInput,
  limit: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1).max(1_000).optional(),
});

export const eventEntriesResult = z.object({ agentId: z.string(), level: eventLevel, entries: z.array(eventEntry), retrievedAt: z.string() });

export const bsodSummary = requestBsodResult.shape.summary;
export const bsodData = z.object({ summary: bsodSummary.nullable() });
export const bsodRefreshResult = z.object({ agentId: z.string(), accepted: z.literal(true) });
