/** Device groups: list, create (normalised, case-insensitively unique), delete and assign agents (one or many). */
import { eq, inArray, sql } from "drizzle-orm";
import { CHANNELS, notify } from "../bus/channels";
import { DEFAULT_GROUP, type AssignGroupInput } from "../contracts/groups";
import type { Db } from "../db/client";
import { agents, groups } from "../db/schema";
import { AppError } from "../errors";
import { lockAgents } from "./agent-locks";
import type { ServiceContext } from "./service-context";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function listGroups(ctx: Pick<ServiceContext, "db">): Promise<string[]> {
  const rows = await ctx.db.select({ name: groups.name }).from(groups);
  const names = new Set([DEFAULT_GROUP, ...rows.map((row) => row.name)]);
  return [...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
}

const isDefault = (name: string) => name.toLowerCase() === DEFAULT_GROUP.toLowerCase();

/** Returns the stored spelling of the group, creating it when it does not exist yet. */
async function upsertGroup(ctx: ServiceContext, tx: Tx, name: string): Promise<string> {
  if (isDefault(name)) return DEFAULT_GROUP;
  const [existing] = await tx.select({ name: groups.name }).from(groups).where(sql`lower(${groups.name}) = ${name.toLowerCase()}`).limit(1);
  if (existing) return existing.name;
  const [created] = await tx.insert(groups).values({ name }).onConflictDoNothing().returning({ name: groups.name });
  if (!created) throw new AppError("CONFLICT", `Group '${name}' was created concurrently; retry`);
  await ctx.audit({ action: "group.create", target: name }, tx);
  return name;
}

export async function createGroup(ctx: ServiceContext, name: string): Promise<{ name: string }> {
  return ctx.db.transaction(async (tx) => ({ name: await upsertGroup(ctx, tx, name) }));
}

/** Deletes a group; its agents move to the default group. The default group itself cannot go. */
export async function deleteGroup(ctx: ServiceContext, name: string): Promise<{ name: string; movedAgents: number }> {
  if (isDefault(name)) throw new AppError("BAD_REQUEST", `The group '${DEFAULT_GROUP}' cannot be deleted`, { details: [{ field: "name", message: `must not be ${DEFAULT_GROUP}` }] });
  return ctx.db.transaction(async (tx) => {
    const [deleted] = await tx.delete(groups).where(sql`lower(${groups.name}) = ${name.toLowerCase()}`).returning({ name: groups.name });
    if (!deleted) throw new AppError("NOT_FOUND", `Group '${name}' not found`);
    const moved = await tx.update(agents).set({ groupName: DEFAULT_GROUP }).where(eq(agents.groupName, deleted.name)).returning({ id: agents.id });
    await ctx.audit({ action: "group.delete", target: deleted.name, details: { movedAgents: moved.length } }, tx);
    return { name: deleted.name, movedAgents: moved.length };
  });
}

export async function assignGroup(ctx: ServiceContext, input: AssignGroupInput): Promise<{ group: string }> {
  return ctx.db.transaction(async (tx) => {
    const [agent] = await tx.select({ id: agents.id, groupName: agents.groupName }).from(agents).where(eq(agents.id, input.agentId)).limit(1);
    if (!agent) throw new AppError("NOT_FOUND", `Agent '${input.agentId}' not found`);
    const group = await upsertGroup(ctx, tx, input.group);
    await tx.update(agents).set({ groupName: group }).where(eq(agents.id, agent.id));
    await ctx.audit({ action: "group.assign", target: agent.id, details: { from: agent.groupName, to: group } }, tx);
    return { group };
  });
}

/** Moves many agents to one group (created when new), all or none; agents already in it stay put. */
export async function assignGroupMany(ctx: ServiceContext, input: { agentIds: string[]; group: string }): Promise<{ group: string; changed: number }> {
  const agentIds = [...new Set(input.agentIds)];
  return ctx.db.transaction(async (tx) => {
    const rows = await lockAgents(tx, agentIds, { groupName: agents.groupName });
    const group = await upsertGroup(ctx, tx, input.group);
    const moving = rows.filter((row) => row.groupName !== group);
    if (moving.length > 0) await tx.update(agents).set({ groupName: group }).where(inArray(agents.id, moving.map((row) => row.id)));
    for (const row of moving) {
      await ctx.audit({ action: "group.assign", target: row.id, details: { from: row.groupName, to: group } }, tx);
      await notify(tx, CHANNELS.agentChanged, row.id);
    }
    return { group, changed: moving.length };
  });
}
