/**
 * The agents resource, read and changed the same way by the dashboard and every REST surface:
 * filtered, sorted and paged lists (only of the clients the actor may see); one agent; removal
 * (a connected agent is asked to uninstall itself, then the agent is revoked: its secret no longer
 * opens a connection, it disappears from lists, and the gateway holding its socket closes it; the
 * row stays for the audit trail and the history that refers to it).
 */
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { CHANNELS, notify } from "../bus/channels";
import type { AgentPage, AgentRecord, AgentReportInput, AgentSortField, AgentUpdateRing, ListAgentsInput, UninstallOutcome } from "../contracts/agents";
import type { Db } from "../db/client";
import { agentMetrics, agents, clients, sites } from "../db/schema";
import { getConfig } from "../config";
import { AppError } from "../errors";
import { latestReleases, type PublishedRelease } from "./agent-releases";
import { describeUpdate } from "./agent-update-policy";
import { unreadChatCounts } from "./chat";
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

/** What every record's `agentUpdate` is computed against: the newest releases and the ring delay. */
type UpdateContext = { releases: Map<string, PublishedRelease>; now: Date; delayHours: number };

async function updateContext(db: Db): Promise<UpdateContext> {
  return { releases: await latestReleases(db), now: new Date(), delayHours: getConfig().AGENT_UPDATE_DELAY_HOURS };
}

export async function listAgents(ctx: Pick<ServiceContext, "db" | "actor">, input: ListAgentsInput): Promise<AgentPage> {
  const where = filtersOf(ctx, input);
  const order = input.sortOrder === "desc" ? desc : asc;
  const updates = await updateContext(ctx.db);
  return paginate(
    input,
    async (window) => {
      // The id breaks ties, so pages never repeat or skip a row.
      const query = selectAgents(ctx.db).where(where).orderBy(order(sortColumns[input.sortBy]), asc(agents.id));
      const records = (await (window ? query.limit(window.limit).offset(window.offset) : query)).map((row) => toAgentRecord(row, updates));
      return withChatUnread(ctx.db, ctx.actor.userId, records);
    },
    async () => {
      const [row] = await ctx.db.select({ total: count() }).from(agents).innerJoin(sites, eq(sites.id, agents.siteId)).where(where);
      return row?.total ?? 0;
    },
  );
}

/** One agent, for a caller that has already been allowed to see it (agent procedures); unread chat counted for `userId`. */
export async function getAgent(db: Db, agentId: string, userId?: number): Promise<AgentRecord> {
  const [row] = await selectAgents(db).where(and(eq(agents.id, agentId), isNull(agents.revokedAt))).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Agent '${agentId}' not found`);
  const record = toAgentRecord(row, await updateContext(db));
  return userId === undefined ? record : (await withChatUnread(db, userId, [record]))[0]!;
}

/** Unread chat is the reader's own: counted for the page's agents in one query. */
async function withChatUnread(db: Db, userId: number, records: AgentRecord[]): Promise<AgentRecord[]> {
  const unread = await unreadChatCounts(db, userId, records.map((record) => record.agentId));
  return unread.size === 0 ? records : records.map((record) => ({ ...record, chatUnread: unread.get(record.agentId) ?? 0 }));
}

/** How long removal waits for a connected agent to acknowledge `uninstall` before revoking it anyway. */
export const UNINSTALL_ACK_TIMEOUT_MS = 10_000;

async function askToUninstall(ctx: ServiceContext, agent: { id: string; status: string; gatewayId: string | null }, timeoutMs: number): Promise<UninstallOutcome> {
  // Without a gateway holding its socket nobody could deliver the request.
  if (agent.status !== "online" || !agent.gatewayId) return "offline";
  try {
    await ctx.request(agent.id, "uninstall", {}, { timeoutMs });
    return "confirmed";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "AGENT_OFFLINE") return "offline";
    return error.code === "AGENT_TIMEOUT" ? "no-answer" : "refused";
  }
}

/**
 * Removes agents all together or, when any of them is unknown or already gone, none of them.
 * Connected agents are first asked to uninstall themselves (in parallel, each given a few seconds
 * to acknowledge), so a removed device does not keep a service that can never connect again; then
 * the keys are revoked either way. Each audit entry says how the uninstall went.
 */
export async function removeAgents(ctx: ServiceContext, agentIds: string[], { uninstallTimeoutMs = UNINSTALL_ACK_TIMEOUT_MS } = {}): Promise<{ removed: number; uninstall: Record<string, UninstallOutcome> }> {
  const unique = [...new Set(agentIds)];
  const current = await ctx.db.select({ id: agents.id, status: agents.status, gatewayId: agents.gatewayId }).from(agents).where(and(inArray(agents.id, unique), isNull(agents.revokedAt)));
  const missing = unique.find((id) => !current.some((row) => row.id === id));
  if (missing) throw new AppError("NOT_FOUND", `Agent '${missing}' not found`);
  const outcomes = await Promise.all(current.map(async (agent) => [agent.id, await askToUninstall(ctx, agent, uninstallTimeoutMs)] as const));
  const uninstall = Object.fromEntries(outcomes) as Record<string, UninstallOutcome>;
  return ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(agents)
      .set({ revokedAt: new Date(), status: "offline", gatewayId: null })
      .where(and(inArray(agents.id, unique), isNull(agents.revokedAt)))
      .returning({ id: agents.id, name: agents.name });
    const gone = unique.find((id) => !revoked.some((row) => row.id === id));
    // Removed concurrently meanwhile: throwing rolls back the agents already revoked above.
    if (gone) throw new AppError("NOT_FOUND", `Agent '${gone}' not found`);
    for (const agent of revoked) {
      await ctx.audit({ action: "agent.revoke", target: agent.id, details: { name: agent.name, uninstall: uninstall[agent.id] } }, tx);
      await notify(tx, CHANNELS.agentRevoked, agent.id);
      await notify(tx, CHANNELS.agentChanged, agent.id);
    }
    return { removed: revoked.length, uninstall };
  });
}

export async function removeAgent(ctx: ServiceContext, agentId: string, options: { uninstallTimeoutMs?: number } = {}): Promise<{ agentId: string; uninstall: UninstallOutcome }> {
  const { uninstall } = await removeAgents(ctx, [agentId], options);
  return { agentId, uninstall: uninstall[agentId]! };
}

/** Moves an agent between update rings; a gateway that holds it offers a due release within its next sweep. */
export async function setUpdateRing(ctx: ServiceContext, agentId: string, ring: AgentUpdateRing): Promise<{ agentId: string; updateRing: AgentUpdateRing }> {
  return ctx.db.transaction(async (tx) => {
    const [agent] = await tx.update(agents).set({ updateRing: ring }).where(and(eq(agents.id, agentId), isNull(agents.revokedAt))).returning({ id: agents.id, name: agents.name });
    if (!agent) throw new AppError("NOT_FOUND", `Agent '${agentId}' not found`);
    await ctx.audit({ action: "agent.update-ring", target: agent.id, details: { name: agent.name, ring } }, tx);
    await notify(tx, CHANNELS.agentChanged, agent.id);
    return { agentId: agent.id, updateRing: ring };
  });
}

export function toAgentRecord({ agent: row, site, client }: AgentWithTenant, { releases, now, delayHours }: UpdateContext): AgentRecord {
  const online = row.status === "online";
  const release = row.platform ? releases.get(row.platform) : undefined;
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
    updateRing: row.updateRing,
    agentUpdate: describeUpdate(row, release, now, delayHours),
    remoteAddress: row.remoteAddress,
    localAddresses: row.localAddresses,
    specs: row.specs ?? null,
    features: row.features,
    metrics: row.metrics ?? null,
    bootTime: row.bootTime?.toISOString() ?? null,
    rebootPending: row.rebootPending,
    // Monitoring does not raise alerts yet; the list shows the column as unknown until it does.
    alerts: null,
    // Per reader: listAgents and getAgent fill it in.
    chatUnread: 0,
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
