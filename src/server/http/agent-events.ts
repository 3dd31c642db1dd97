/**
 * The dashboard's live agent events (`GET /api/events`): an `agent` event `{ agentId }` whenever
 * an agent comes or goes or reports; someone restricted to some clients hears only of their
 * clients' agents.
 */
import type { Actor } from "../auth/roles";
import type { BusListener } from "../bus/listener";
import { CHANNELS } from "../bus/channels";
import type { Db } from "../db/client";
import { maySeeAgent } from "../services/tenancy";
import { sseStream } from "./sse";

export function agentEventStream(db: Db, actor: Actor, listener: Pick<BusListener, "subscribe">, signal: AbortSignal): Response {
  const accept = actor.clientIds === null ? undefined : (agentId: string) => maySeeAgent(db, actor, agentId);
  return sseStream(listener, CHANNELS.agentChanged, "agent", signal, (agentId) => ({ agentId }), { accept });
}
