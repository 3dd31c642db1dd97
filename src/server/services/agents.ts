/**
 * Removing a device: the agent is revoked (its secret no longer opens a connection), disappears
 * from the device list, and the gateway holding its socket closes it. The row stays for the
 * audit trail and for the history that refers to it.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../auth/roles";
import { CHANNELS, notify } from "../bus/channels";
import type { Db } from "../db/client";
import { agents } from "../db/schema";
import { AppError } from "../errors";
import { recordAudit } from "./audit";

export async function revokeAgent(db: Db, actor: Pick<Actor, "username">, agentId: string, clientIp: string | null = null): Promise<{ agentId: string }> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(agents)
      .set({ revokedAt: new Date(), status: "offline", gatewayId: null })
      .where(and(eq(agents.id, agentId), isNull(agents.revokedAt)))
      .returning({ id: agents.id, name: agents.name });
    const agent = revoked[0];
    if (!agent) throw new AppError("NOT_FOUND", `Agent '${agentId}' not found`);
    await recordAudit(tx, { actor: actor.username, action: "agent.revoke", target: agent.id, clientIp, details: { name: agent.name } });
    await notify(tx, CHANNELS.agentRevoked, agent.id);
    await notify(tx, CHANNELS.agentChanged, agent.id);
    return { agentId: agent.id };
  });
}
