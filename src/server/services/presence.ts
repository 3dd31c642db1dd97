/**
 * Presence rules shared by the gateways and the web process: a gateway whose heartbeat is older
 * than the presence timeout (RMM_PRESENCE_TIMEOUT_MS) has died, and the agents it held are offline.
 */
import { and, eq, inArray, isNotNull, lt, notInArray, or, sql } from "drizzle-orm";
import { CHANNELS, notify } from "../bus/channels";
import type { Db } from "../db/client";
import { agents, gateways } from "../db/schema";

export const DEFAULT_PRESENCE_TIMEOUT_MS = 15_000;

/** Three beats per timeout: one late or lost beat never makes a live gateway look dead. */
export function heartbeatIntervalMs(presenceTimeoutMs: number): number {
  return Math.round(presenceTimeoutMs / 3);
}

/**
 * Returns the ids of the agents it marked offline (each also announced on the bus, which is what
 * answers the requests still waiting on them, see command-waiters.ts). `exited`: gateways known to
 * be dead whatever their last heartbeat (the launcher saw the process end and restarted it).
 */
export async function markAgentsOfDeadGatewaysOffline(db: Db, options: { now?: Date; presenceTimeoutMs?: number; exited?: string[] } = {}): Promise<string[]> {
  const { now = new Date(), presenceTimeoutMs = DEFAULT_PRESENCE_TIMEOUT_MS, exited = [] } = options;
  return db.transaction(async (tx) => {
    const stale = lt(gateways.heartbeatAt, new Date(now.getTime() - presenceTimeoutMs));
    await tx.delete(gateways).where(exited.length > 0 ? or(stale, inArray(gateways.id, exited)) : stale);
    const alive = tx.select({ id: gateways.id }).from(gateways);
    const orphaned = await tx
      .update(agents)
      .set({ status: "offline", gatewayId: null })
      .where(and(eq(agents.status, "online"), isNotNull(agents.gatewayId), notInArray(agents.gatewayId, sql`(${alive})`)))
      .returning({ id: agents.id });
    for (const { id } of orphaned) await notify(tx, CHANNELS.agentChanged, id);
    return orphaned.map((row) => row.id);
  });
}
