/**
 * Whether a transfer with an agent can take its gateway's file relay: the agent announced the
 * stream command in its hello, and the gateway holding its socket announced a relay. Otherwise (an
 * agent or gateway from before the relay) the chunk commands carry the file, as they always did.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents, gateways } from "../db/schema";

export type RelayTarget = { agentId: string; url: string };

export async function findRelay(db: Db, agentId: string, command: "file-stream-download" | "file-stream-upload"): Promise<RelayTarget | null> {
  const [row] = await db
    .select({ features: agents.features, relayUrl: gateways.relayUrl })
    .from(agents)
    .innerJoin(gateways, eq(gateways.id, agents.gatewayId))
    .where(and(eq(agents.id, agentId), eq(agents.status, "online")))
    .limit(1);
  return row?.relayUrl && row.features.includes(command) ? { agentId, url: row.relayUrl } : null;
}
