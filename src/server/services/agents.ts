/**
 * The agents resource, read and changed the same way by the dashboard and every REST surface:
 * filtered, sorted and paged lists (only of the clients the actor may see); one agent; removal
 * (the agent is revoked: its secret no longer opens a connection, it disappears from lists, and
 * the gateway holding its socket closes it; the row stays for the audit trail and the history that
 * refers to it).
 */
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { CHANNELS, notify } from "../bus/channels";
import type { AgentPage, AgentRecord, AgentReportInput, AgentSortField, ListAgentsInput } from "../contracts/agents";
import type { Db } from "../db/client";
import { agentMetrics, agents, clients, sites } from "../db/schema";
import { AppError } from "../errors";
import { likeLiteral } from "./like";
import { paginate } from "./paging";
import type { ServiceContext } from "./service-context";
import { agentsVisibleTo } from "./tenancy";

type AgentRow = typeof agents.$inferSelect;
/** An agent with the site and client it belongs to. */
type AgentWithTenant = { agent: AgentRow; site: { id: number; name: string }; client: { id: number; name: string } };

/** Agents joined to their site and client: what every read of agents selects. */
function selectAgents(db: Db) {
  return db
    .select({ agent: agents, site: { id: sites.id, name: sites.name }, client: { id: clients.id, name: clients.name } })
    .from(agents)
    .innerJoin(sites, eq(sites.id, agents.siteId))
    .innerJoin(clients, eq(clients.id, sites.clientId));
}

/** Windows Server editions and Linux hosts count as servers (Tactical RMM's `monitoring_type`). */
const isServerSql = sql`(${agents.platform} = 'linux' or ${agents.os} ilike '%server%')`;
export function monitoringTypeOf(row: Pick<AgentRow, "platform" | "os">): "server" | "workstation" {
  return row.platform === "linux" || /server/i.test(row.os ?? "") ? "server" : "workstation";
}

/** The name the list shows and sorts by (indexed as `agents_listed_name_idx`). */
const shownNameSql = sql`lower(coalesce(${agents.displayName}, ${agents.name}))`;

const sortColumns: Record<AgentSortField, SQL | AnyPgColumn> = {
  name: shownNameSql,
  status: agents.status,
  lastSeen: agents.lastSeen,
  os: sql`lower(${agents.os})`,
  platform: agents.platform,
  group: sql`lower(${agents.groupName})`,
  client: sql`lower(${clients.name})`,
  site: sql`lower(${sites.name})`,
  agentVersion: agents.agentVersion,
  createdAt: agents.createdAt,
  bootTime: agents.bootTime,
};

function filtersOf(ctx: Pick<ServiceContext, "actor">, input: ListAgentsInput): SQL {
  const conditions: (SQL | undefined)[] = [isNull(agents.revokedAt), agentsVisibleTo(ctx.actor)];
  if (input.clientId !== undefined) conditions.push(eq(sites.clientId, input.clientId));
  if (input.siteId !== undefined) conditions.push(eq(agents.siteId, input.siteId));
  if (input.tag) conditions.push(sql`${input.tag.toLowerCase()} = any(select lower(tag) from unnest(${agents.tags}) as tag)`);
  if (input.status) conditions.push(eq(agents.status, input.status));
  if (input.hostname) conditions.push(sql`lower(${agents.name}) = ${input.hostname.toLowerCase()}`);
  if (input.group) conditions.push(sql`lower(${agents.groupName}) = ${input.group.toLowerCase()}`);
  if (input.monitoringType) conditions.push(input.monitoringType === "server" ? isServerSql : sql`not ${isServerSql}`);
  if (input.search) {
    const pattern = likeLiteral(input.search);
    conditions.push(or(ilike(agents.name, pattern), ilike(agents.displayName, pattern), ilike(agents.remoteAddress, pattern), sql`${agents.localAddresses}::text ilike ${pattern}`, ilike(agents.os, pattern)));
  }
  return and(...conditions)!;
}

export async function listAgents(ctx: Pick<ServiceContext, "db" | "actor">, input: ListAgentsInput): Promise<AgentPage> {
  const where = filtersOf(ctx, input);
  const order = input.sortOrder === "desc" ? desc : asc;
  return paginate(
    input,
    async (window) => {
      // The id breaks ties, so pages never repeat or skip a row.
      const query = selectAgents(ctx.db).where(where).orderBy(order(sortColumns[input.sortBy]), asc(agents.id));
      return (await (window ? query.limit(window.limit).offset(window.offset) : query)).map(toAgentRecord);
    },
    async () => {
      const [row] = await ctx.db.select({ total: count() }).from(agents).innerJoin(sites, eq(sites.id, agents.siteId)).where(where);
      return row?.total ?? 0;
    },
  );
}

/** One agent, for a caller that has already been allowed to see it (agent procedures). */
export async function getAgent(db: Db, agentId: string): Promise<AgentRecord> {
  const [row] = await selectAgents(db).where(and(eq(agents.id, agentId), isNull(agents.revokedAt))).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Agent '${agentId}' not found`);
  return toAgentRecord(row);
}

export async function removeAgent(ctx: ServiceContext, agentId: string): Promise<{ agentId: string }> {
  await removeAgents(ctx, [agentId]);
  return { agentId };
}

/** Removes agents all together or, when any of them is unknown or already gone, none of them. */
export async function removeAgents(ctx: ServiceContext, agentIds: string[]): Promise<{ removed: number }> {
  const unique = [...new Set(agentIds)];
  return ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(agents)
      .set({ revokedAt: new Date(), status: "offline", gatewayId: null })
      .where(and(inArray(agents.id, unique), isNull(agents.revokedAt)))
      .returning({ id: agents.id, name: agents.name });
    const missing = unique.find((id) => !revoked.some((row) => row.id === id));
    // Throwing rolls back the agents already revoked above.
    if (missing) throw new AppError("NOT_FOUND", `Agent '${missing}' not found`);
    for (const agent of revoked) {
      await ctx.audit({ action: "agent.revoke", target: agent.id, details: { name: agent.name } }, tx);
      await notify(tx, CHANNELS.agentRevoked, agent.id);
      await notify(tx, CHANNELS.agentChanged, agent.id);
    }
    return { removed: revoked.length };
  });
}

export function toAgentRecord({ agent: row, site, client }: AgentWithTenant): AgentRecord {
  const online = row.status === "online";
  return {
    agentId: row.id,
    name: row.name,
    displayName: row.displayName,
    group: row.groupName,
    client,
    site,
    tags: row.tags,
    os: row.os,
    platform: row.platform,
    monitoringType: monitoringTypeOf(row),
    status: row.status,
    online,
    lastSeen: row.lastSeen?.toISOString() ?? null,
    connectedAt: online ? (row.connectedAt?.toISOString() ?? null) : null,
    loggedInUser: row.loggedInUser,
    agentVersion: row.agentVersion,
    remoteAddress: row.remoteAddress,
    localAddresses: row.localAddresses,
    specs: row.specs ?? null,
    features: row.features,
    metrics: row.metrics ?? null,
    bootTime: row.bootTime?.toISOString() ?? null,
    rebootPending: row.rebootPending,
    // Monitoring does not raise alerts yet; the list shows the column as unknown until it does.
    alerts: null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * An agent's own heartbeat over REST (spec 002): its load becomes the latest metrics and a history
 * sample, and it counts as seen. Presence (online) stays the gateway's: a REST report proves the
 * key, not a live connection.
 */
export async function recordAgentReport(db: Db, reporterId: string, input: AgentReportInput): Promise<{ status: "ok" }> {
  if (input.agentId !== reporterId) throw new AppError("FORBIDDEN", "An agent may only report for itself");
  const at = new Date();
  const metrics = { at: at.toISOString(), cpuPercent: input.cpu_percent, memoryPercent: input.mem_percent, diskPercent: input.disk_percent, network: { rxBytesPerSec: 0, txBytesPerSec: 0 } };
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(agents)
      .set({ metrics, lastSeen: at, ...(input.hostname ? { name: input.hostname } : {}), ...(input.os ? { os: input.os } : {}) })
      .where(and(eq(agents.id, reporterId), isNull(agents.revokedAt)))
      .returning({ id: agents.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND", `Agent '${reporterId}' not found`);
    await tx.insert(agentMetrics).values({ agentId: reporterId, at, data: metrics });
    await notify(tx, CHANNELS.agentChanged, reporterId);
  });
  return { status: "ok" };
}
