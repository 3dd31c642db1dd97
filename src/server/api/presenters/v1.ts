/** SlimRMM's (/api/v1) snake_case field names for agents, clients and sites, and its paginated list shape. */
import { z } from "zod";
import type { AgentPage, AgentRecord } from "../../contracts/agents";
import type { Page } from "../../contracts/paging";
import type { ClientPage, ClientSummary, SitePage, SiteSummary } from "../../contracts/tenancy";
import type { Presenter } from "../route-types";

const v1Ref = z.object({ id: z.number().int(), name: z.string() });

export const v1Agent = z.object({
  uuid: z.string(),
  hostname: z.string(),
  status: z.enum(["online", "offline"]),
  os: z.string().nullable(),
  platform: z.string().nullable(),
  agent_version: z.string().nullable(),
  ip_address: z.string().nullable().describe("The first local interface address, else the address the agent connected from"),
  public_ip: z.string().nullable(),
  local_ips: z.array(z.string()),
  logged_in_user: z.string().nullable(),
  group: z.string(),
  client: v1Ref,
  site: v1Ref,
  tags: z.array(z.string()),
  cpu_model: z.string().nullable(),
  cpu_cores: z.number().nullable(),
  memory_total_bytes: z.number().nullable(),
  disks: z.array(z.object({ mount: z.string(), total_bytes: z.number(), free_bytes: z.number() })),
  metrics: z.object({ cpu_percent: z.number(), memory_percent: z.number(), disk_percent: z.number(), at: z.string() }).nullable(),
  last_seen: z.string().nullable(),
  connected_at: z.string().nullable(),
  created_at: z.string(),
});

export function toV1Agent(agent: AgentRecord): z.infer<typeof v1Agent> {
  return {
    uuid: agent.agentId,
    hostname: agent.name,
    status: agent.status,
    os: agent.os,
    platform: agent.platform,
    agent_version: agent.agentVersion,
    ip_address: agent.localAddresses[0] ?? agent.remoteAddress,
    public_ip: agent.remoteAddress,
    local_ips: agent.localAddresses,
    logged_in_user: agent.loggedInUser,
    group: agent.group,
    client: agent.client,
    site: agent.site,
    tags: agent.tags,
    cpu_model: agent.specs?.cpu?.model ?? null,
    cpu_cores: agent.specs?.cpu?.cores ?? null,
    memory_total_bytes: agent.specs?.memoryBytes ?? null,
    disks: (agent.specs?.disks ?? []).map((disk) => ({ mount: disk.mount, total_bytes: disk.totalBytes, free_bytes: disk.freeBytes })),
    metrics: agent.metrics ? { cpu_percent: agent.metrics.cpuPercent, memory_percent: agent.metrics.memoryPercent, disk_percent: agent.metrics.diskPercent, at: agent.metrics.at } : null,
    last_seen: agent.lastSeen,
    connected_at: agent.connectedAt,
    created_at: agent.createdAt,
  };
}

/** `{ items, total, page, per_page, pages }`, the list shape of every /api/v1 collection. */
export function v1Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), per_page: z.number().int(), pages: z.number().int() });
}

function presentPage<T, R>(page: Page<T>, present: (item: T) => R) {
  return { items: page.items.map(present), total: page.total, page: page.page, per_page: page.perPage, pages: page.pages };
}

export const v1AgentList: Presenter<AgentPage> = { schema: v1Page(v1Agent), present: (page) => presentPage(page, toV1Agent) };

export const v1AgentDetail: Presenter<AgentRecord> = { schema: v1Agent, present: toV1Agent };

export const v1Site = z.object({
  id: z.number().int(),
  name: z.string(),
  client_id: z.number().int(),
  client_name: z.string(),
  is_default: z.boolean().describe("Agents enrolled without a site land here"),
  agent_count: z.number().int(),
  created_at: z.string(),
});
function toV1Site(site: SiteSummary): z.infer<typeof v1Site> {
  return { id: site.id, name: site.name, client_id: site.clientId, client_name: site.clientName, is_default: site.isDefault, agent_count: site.agentCount, created_at: site.createdAt };
}

export const v1Client = z.object({ id: z.number().int(), name: z.string(), agent_count: z.number().int(), created_at: z.string(), sites: z.array(v1Site) });
function toV1Client(client: ClientSummary): z.infer<typeof v1Client> {
  return { id: client.id, name: client.name, agent_count: client.agentCount, created_at: client.createdAt, sites: client.sites.map(toV1Site) };
}

export const v1ClientList: Presenter<ClientPage> = { schema: v1Page(v1Client), present: (page) => presentPage(page, toV1Client) };
export const v1ClientDetail: Presenter<ClientSummary> = { schema: v1Client, present: toV1Client };
export const v1SiteList: Presenter<SitePage> = { schema: v1Page(v1Site), present: (page) => presentPage(page, toV1Site) };
