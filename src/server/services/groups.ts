/** Device groups: list, create (normalised, case-insensitively unique) and assign agents. */
import { eq, sql } from "drizzle-orm";
import type { Actor } from "../auth/roles";
import { DEFAULT_GROUP, type AssignGroupInput } from "../contracts/groups";
import type { Db } from "../db/client";
import { agents, groups } from "../db/schema";
import { AppError } from "../errors";
import { recordAudit } from "./audit";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function listGroups(db: Db): Promise<string[]> {
  const rows = await db.select({ name: groups.name }).from(groups);
  const names = new Set([DEFAULT_GROUP, ...rows.map((row) => row.name)]);
  return [...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
}

/** Returns the stored spelling of the group, creating it when it does not exist yet. */
async function upsertGroup(tx: Tx, actor: Actor, name: string, clientIp: string | null): Promise<string> {
  if (name.toLowerCase() === DEFAULT_GROUP.toLowerCase()) return DEFAULT_GROUP;
  const [existing] = await tx.select({ name: groups.name }).from(groups).where(sql`lower(${groups.name}) = ${name.toLowerCase()}`).limit(1);
  if (existing) return existing.name;
  const [created] = await tx.insert(groups).values({ name }).onConflictDoNothing().returning({ name: groups.name });
  if (!created) throw new AppError("CONFLICT", `Group '${name}' was created concurrently; retry`);
  await recordAudit(tx, { actor: actor.username, action: "group.create", target: name, clientIp });
  return name;
}

export async function createGroup(db: Db, actor: Actor, name: string, clientIp: string | null = null): Promise<{ name: string }> {
  return db.transaction(async (tx) => ({ name: await upsertGroup(tx, actor, name, clientIp) }));
}

export async function assignGroup(db: Db, actor: Actor, input: AssignGroupInput, clientIp: string | null = null): Promise<{ group: string }> {
  return db.transaction(async (tx) => {
    const [agent] = await tx.select({ id: agents.id, groupName: agents.groupName }).from(agents).where(eq(agents.id, input.agentId)).limit(1);
    if (!agent) throw new AppError("NOT_FOUND", `Agent '${input.agentId}' not found`);
    const group = await upsertGroup(tx, actor, input.group, clientIp);
    await tx.update(agents).set({ groupName: group }).where(eq(agents.id, agent.id));
    await recordAudit(tx, { actor: actor.username, action: "group.assign", target: agent.id, clientIp, details: { from: agent.groupName, to: group } });
    return { group };
  });
}
