/** Specification 002's (/api/agents) field names for agents. */
import { z } from "zod";
import type { AgentPage, AgentRecord } from "../../contracts/agents";
import type { Presenter } from "../route-types";

export const apiAgent = z.object({
  id: z.string(),
  label: z.string(),
  hostname: z.string(),
  ip: z.string().nullable(),
  os: z.string().nullable(),
  version: z.string().nullable(),
  status: z.enum(["online", "offline"]),
  last_seen: z.number().int().nullable().describe("Unix seconds"),
  tags: z.array(z.string()).describe("The agent's free-form tags"),
});

export const apiAgentDetail = apiAgent.extend({
  platform: z.string().nullable(),
  logged_in_user: z.string().nullable(),
  metrics: z.object({ cpu_percent: z.number(), mem_percent: z.number(), disk_percent: z.number(), at: z.string() }).nullable(),
});

const unixSeconds = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : null);

function toApiAgent(agent: AgentRecord): z.infer<typeof apiAgent> {
  return {
    id: agent.agentId,
    label: agent.name,
    hostname: agent.name,
    ip: agent.localAddresses[0] ?? agent.remoteAddress,
    os: agent.os,
    version: agent.agentVersion,
    status: agent.status,
    last_seen: unixSeconds(agent.lastSeen),
    tags: agent.tags,
  };
}

export const apiAgentList: Presenter<AgentPage> = { schema: z.array(apiAgent), present: (page) => page.items.map(toApiAgent) };

export const apiAgentDetailPresenter: Presenter<AgentRecord> = {
  schema: apiAgentDetail,
  present: (agent) => ({
    ...toApiAgent(agent),
    platform: agent.platform,
    logged_in_user: agent.loggedInUser,
    metrics: agent.metrics ? { cpu_percent: agent.metrics.cpuPercent, mem_percent: agent.metrics.memoryPercent, disk_percent: agent.metrics.diskPercent, at: agent.metrics.at } : null,
  }),
};
