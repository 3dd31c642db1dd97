/** Tactical RMM's (/api/v3) field names for agents, clients and sites. */
import { z } from "zod";
import { formatBytes, usedPercent } from "../../../lib/format-bytes";
import type { AgentPage, AgentRecord } from "../../contracts/agents";
import type { ClientPage, ClientSummary, SitePage, SiteSummary } from "../../contracts/tenancy";
import type { Presenter, RouteRequest } from "../route-types";

const GIB = 1024 ** 3;

const v3Ref = z.object({ id: z.number().int(), name: z.string() });

export const v3Agent = z.object({
  agent_id: z.string(),
  hostname: z.string(),
  client: v3Ref,
  site: v3Ref,
  plat: z.string().describe("windows or linux"),
  operating_system: z.string().nullable(),
  version: z.string().nullable(),
  monitoring_type: z.enum(["server", "workstation"]),
  last_seen: z.string().nullable(),
  status: z.enum(["online", "offline"]),
  logged_in_username: z.string().nullable(),
  local_ip: z.string().nullable(),
  public_ip: z.string().nullable(),
  cpu_model: z.string().nullable(),
  total_ram: z.number().nullable().describe("GiB, one decimal"),
  disks: z.array(z.object({ device: z.string(), free: z.string(), total: z.string(), percent: z.number().int() })),
  group: z.string(),
});

/** Tactical RMM says `windows` where Node says `win32`. */
const platName = (platform: string | null) => (platform === "win32" ? "windows" : (platform ?? "unknown"));

export function toV3Agent(agent: AgentRecord): z.infer<typeof v3Agent> {
  return {
    agent_id: agent.agentId,
    hostname: agent.name,
    client: agent.client,
    site: agent.site,
    plat: platName(agent.platform),
    operating_system: agent.os,
    version: agent.agentVersion,
    monitoring_type: agent.monitoringType,
    last_seen: agent.lastSeen,
    status: agent.status,
    logged_in_username: agent.loggedInUser,
    local_ip: agent.localAddresses[0] ?? null,
    public_ip: agent.remoteAddress,
    cpu_model: agent.specs?.cpu?.model ?? null,
    total_ram: agent.specs?.memoryBytes ? Math.round((agent.specs.memoryBytes / GIB) * 10) / 10 : null,
    disks: (agent.specs?.disks ?? []).map((disk) => ({
      device: disk.mount,
      free: formatBytes(disk.freeBytes),
      total: formatBytes(disk.totalBytes),
      percent: Math.round(usedPercent(disk)),
    })),
    group: agent.group,
  };
}

export const v3AgentList: Presenter<AgentPage> = { schema: z.array(v3Agent), present: (page) => page.items.map(toV3Agent) };
export const v3AgentDetail: Presenter<AgentRecord> = { schema: v3Agent, present: toV3Agent };

export const v3Site = z.object({ id: z.number().int(), name: z.string(), client: z.number().int(), client_name: z.string(), agent_count: z.number().int() });
const toV3Site = (site: SiteSummary): z.infer<typeof v3Site> => ({ id: site.id, name: site.name, client: site.clientId, client_name: site.clientName, agent_count: site.agentCount });

export const v3Client = z.object({ id: z.number().int(), name: z.string(), agent_count: z.number().int(), sites: z.array(v3Ref.extend({ agent_count: z.number().int() })) });
const toV3Client = (client: ClientSummary): z.infer<typeof v3Client> => ({
  id: client.id,
  name: client.name,
  agent_count: client.agentCount,
  sites: client.sites.map((site) => ({ id: site.id, name: site.name, agent_count: site.agentCount })),
});

export const v3ClientList: Presenter<ClientPage> = { schema: z.array(v3Client), present: (page) => page.items.map(toV3Client) };
export const v3ClientDetail: Presenter<ClientSummary> = { schema: v3Client, present: toV3Client };
export const v3SiteList: Presenter<SitePage> = { schema: z.array(v3Site), present: (page) => page.items.map(toV3Site) };

/** Tactical RMM's `?agent=<agent_id>` filter on its per-agent lists (alerts, checks, tasks). */
export const v3AgentFilter = {
  query: z.object({ agent: z.string().optional() }),
  input: ({ query }: RouteRequest) => (typeof query.agent === "string" && query.agent ? { agentId: query.agent } : {}),
};
