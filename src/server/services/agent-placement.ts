/**
 * Where an agent belongs beside its group: its site (and so its client), and its free-form tags.
 * Each change commits with its audit entry and tells live dashboards the agent changed.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { CHANNELS, notify } from "../bus/channels";
import { agents } from "../db/schema";
import { AppError } from "../errors";
import { getSite } from "./clients";
import type { ServiceContext } from "./service-context";

/**
 * Moves agents to a site. All of them must exist (and, for a restricted actor, be visible: the
 * authorization middleware has checked that, as it has the site); agents already there stay put.
 */
export async function moveAgentsToSite(ctx: ServiceContext, input: { agentIds: string[]; siteId: number }) {
  const agentIds = [...new Set(input.agentIds)];
  return ctx.db.transaction(async (tx) => {
    const site = await getSite(ctx, input.siteId, tx);
    const rows = await tx
      .select({ id: agents.id, siteId: agents.siteId })
      .from(agents)
      .where(and(inArray(agents.id, agentIds), isNull(agents.revokedAt)))
      .for("update");
    const missing = agentIds.find((id) => !rows.some((row) => row.id === id));
    if (missing) throw new AppError("NOT_FOUND", `Agent '${missing}' not found`);
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
