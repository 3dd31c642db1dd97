/**
 * NOTIFY channels. Payloads are ids, never data: the tables are the truth and NOTIFY is only the
 * doorbell, well under PostgreSQL's 8000-byte payload limit.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export const CHANNELS = {
  /** A command row was queued: payload `<commandId>:<agentId>`. Gateways listen. */
  commandQueued: "rmm_command_queued",
  /** A command reached a final status: payload `<commandId>`. Web processes listen. */
  commandFinished: "rmm_command_finished",
  /** An agent went online or offline, or its inventory changed: payload `<agentId>`. */
  agentChanged: "rmm_agent_changed",
  /** An agent was removed: payload `<agentId>`. Gateways close its socket. */
  agentRevoked: "rmm_agent_revoked",
  /** Monitoring profiles or their assignments changed: payload empty. Gateways reload the rules they evaluate. */
  monitoringChanged: "rmm_monitoring_changed",
  /** A stream chunk was stored: payload `<streamEventId> <topic>`. Web processes fan it out to viewers. */
  streamEvent: "rmm_stream_event",
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/** Works inside a transaction too: the notification is then delivered at commit, or never. */
export async function notify(db: Pick<Db, "execute">, channel: Channel, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}
