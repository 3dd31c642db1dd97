/**
 * Where an agent belongs beside its group, and what technicians call it: its site (and so its
 * client), its free-form tags and its display name. Each change commits with its audit entry and
 * tells live dashboards the agent changed.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { CHANNELS, notify } from "../bus/channels";
import { agents } from "../db/schema";
import { MAX_TAGS } from "../contracts/agents";
import { AppError } from "../errors";
import { getSite } from "./clients";
import { lockAgents } from "./agent-locks";
import type { ServiceContext } from "./service-context";

/**
 * Moves agents to a site. All of them must exist (and, for a restricted actor, be visible: the
 * authorization middleware has checked that, as it has the site); agents already there stay put.
 */
export async function moveAgentsToSite(ctx: ServiceContext, input: { agentIds: string[]; siteId: number }) {
  const agentIds = [...new Set(input.agentIds)];
  return ctx.db.transaction(async (tx) => {
    const site = await getSite(ctx, input.siteId, tx);
    const rows = await lockAgents(tx, agentIds, { siteId: agents.siteId });
    const moving = rows.filter((row) => row.siteId !== site.id);
    if (moving.length > 0) {
      await tx.update(agents).set({ siteId: site.id }).where(inArray(agents.id, moving.map((row) => row.id)));
    }
    for (const row of moving) {
      await ctx.audit({ action: "agent.move", target: row.id, details: { fromSiteId: row.siteId, to: { siteId: site.id, site: site.name, clientId: site.clientId, client: site.clientName } } }, tx);
      await notify(tx, CHANNELS.agentChanged, row.id);
    }
    return { moved: moving.length, client: { id: site.clientId, name: site.clientName }, site: { id: site.id, name: site.name } };
  });
}

/** Replaces an agent's tags (already normalised and deduplicated by the input schema). */
export async function setAgentTags(ctx: ServiceContext, input: { agentId: string; tags: string[] }): Promise<{ tags: string[] }> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ tags: agents.tags }).from(agents).where(and(eq(agents.id, input.agentId), isNull(agents.revokedAt))).for("update");
    if (!before) throw new AppError("NOT_FOUND", `Agent '${input.agentId}' not found`);
    await tx.update(agents).set({ tags: input.tags }).where(eq(agents.id, input.agentId));
    await ctx.audit({ action: "agent.tags", target: input.agentId, details: { from: before.tags, to: input.tags } }, tx);
    await notify(tx, CHANNELS.agentChanged, input.agentId);
    return { tags: input.tags };
  });
}

/** Adds and removes tags (case-insensitively) on many agents; agents whose tags stay the same are left alone. */
export async function tagAgents(ctx: ServiceContext, input: { agentIds: string[]; add: string[]; remove: string[] }): Promise<{ changed: number }> {
  const agentIds = [...new Set(input.agentIds)];
  const removing = new Set(input.remove.map((tag) => tag.toLowerCase()));
  return ctx.db.transaction(async (tx) => {
    const rows = await lockAgents(tx, agentIds, { tags: agents.tags });
    let changed = 0;
    for (const row of rows) {
      const kept = row.tags.filter((tag) => !removing.has(tag.toLowerCase()));
      const added = input.add.filter((tag) => !kept.some((other) => other.toLowerCase() === tag.toLowerCase()));
      const tags = [...kept, ...added];
      if (tags.length > MAX_TAGS) throw new AppError("BAD_REQUEST", `An agent may carry at most ${MAX_TAGS} tags`, { details: [{ field: "add", message: `would give '${row.id}' more than ${MAX_TAGS} tags` }] });
      if (tags.length === row.tags.length && tags.every((tag, index) => tag === row.tags[index])) continue;
      await tx.update(agents).set({ tags }).where(eq(agents.id, row.id));
      await ctx.audit({ action: "agent.tags", target: row.id, details: { from: row.tags, to: tags } }, tx);
      await notify(tx, CHANNELS.agentChanged, row.id);
      changed += 1;
    }
    return { changed };
  });
}

/** Sets (or, with null, clears) the name technicians know the device by. */
export async function renameAgent(ctx: ServiceContext, input: { agentId: string; displayName: string | null }): Promise<{ displayName: string | null }> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await lockAgents(tx, [input.agentId], { name: agents.name, displayName: agents.displayName });
    await tx.update(agents).set({ displayName: input.displayName }).where(eq(agents.id, input.agentId));
    await ctx.audit({ action: "agent.rename", target: input.agentId, details: { hostname: before!.name, from: before!.displayName, to: input.displayName } }, tx);
    await notify(tx, CHANNELS.agentChanged, input.agentId);
    return { displayName: input.displayName };
  });
}
