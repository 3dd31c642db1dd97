/**
 * Chat with the person at a device. A technician's message is delivered to the agent as
 * `chat-request` (503 when the device is offline: nothing is stored then) and kept as a chunk on
 * the stream topic `chat:<agentId>`; the endpoint user's answers arrive as `chat-response` and the
 * gateway stores them on the same topic (chatEventFromEndpoint). Viewers follow the topic live;
 * the transcript lives as long as the audit log. Unread counters are per user: messages from the
 * endpoint newer than the last one that user marked read.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { ChatResponseMessage } from "../../protocol";
import type { ChatEvent, StoredChatEvent } from "../contracts/chat";
import type { Db } from "../db/client";
import { agents, chatReads, streamEvents } from "../db/schema";
import { CHANNELS, notify } from "../bus/channels";
import { publishStreamEvent } from "../streams/publish";
import { streamTopic } from "../streams/topics";
import type { ServiceContext } from "./service-context";
import { publishMonitoringEvent } from "../monitoring/events";

export const CHAT_EVENT = "chat";
export const chatTopic = (agentId: string) => streamTopic("chat", agentId);

export async function sendChatMessage(ctx: ServiceContext, agentId: string, text: string): Promise<{ sessionId: string }> {
  const sessionId = randomUUID();
  const { username: user, role } = ctx.actor;
  try {
    await ctx.request(agentId, "chat-request", { sessionId, text, user, role });
  } catch (error) {
    await ctx.audit({ action: "chat.send", target: agentId, success: false, details: { sessionId, error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
  const event: ChatEvent = { sessionId, agentId, text, direction: "server", user, role, timestamp: new Date().toISOString() };
  const streamEventId = await publishStreamEvent(ctx.db, { topic: chatTopic(agentId), event: CHAT_EVENT, data: event });
  // The audit entry links to the stored message (the transcript), and says what was sent.
  await ctx.audit({ action: "chat.send", target: agentId, details: { sessionId, streamEventId, text } });
  return { sessionId };
}

/**
 * The endpoint user's answer as stored and shown. Stamped with the server's time, as the reference
 * server does: an endpoint's clock may be off, and the conversation must read in order.
 */
function chatEventFromEndpoint(agent: { id: string; name: string; loggedInUser: string | null }, message: ChatResponseMessage): ChatEvent {
  return {
    sessionId: message.sessionId,
    agentId: agent.id,
    text: message.text,
    direction: "agent",
    user: message.user || agent.loggedInUser || agent.name,
    role: "agent",
    timestamp: new Date().toISOString(),
  };
}

/** Stores the endpoint user's answer on the device's topic (called by the gateway, keyed by the proven agent id). */
export async function publishEndpointChat(db: Db, agentId: string, message: ChatResponseMessage): Promise<number> {
  const [agent] = await db.select({ id: agents.id, name: agents.name, loggedInUser: agents.loggedInUser }).from(agents).where(eq(agents.id, agentId)).limit(1);
  const id = await publishStreamEvent(db, { topic: chatTopic(agentId), event: CHAT_EVENT, data: chatEventFromEndpoint(agent ?? { id: agentId, name: agentId, loggedInUser: null }, message) });
  // Device lists re-render on this, so their unread badges count the new message.
  await notify(db, CHANNELS.agentChanged, agentId);
  // And the monitoring stream says so, as the reference server's `chat-notification` does.
  await publishMonitoringEvent(db, "chat-notification", { agentId, agentName: agent?.name ?? agentId, messageTimestamp: message.timestamp });
  return id;
}

/** The conversation, oldest first: after a stream id (polling), else the latest `limit` messages. */
export async function chatHistory(db: Db, agentId: string, { after, limit }: { after?: number; limit: number }): Promise<StoredChatEvent[]> {
  const where = and(eq(streamEvents.topic, chatTopic(agentId)), eq(streamEvents.event, CHAT_EVENT), after === undefined ? undefined : gt(streamEvents.id, after));
  const query = db.select({ id: streamEvents.id, data: streamEvents.data }).from(streamEvents).where(where);
  const rows = after === undefined ? (await query.orderBy(desc(streamEvents.id)).limit(limit)).reverse() : await query.orderBy(asc(streamEvents.id)).limit(limit);
  return rows.map(({ id, data }) => ({ ...(data as ChatEvent), id }));
}

/** Marks everything said so far as read by this user; returns the count left (0). */
export async function markChatRead(ctx: Pick<ServiceContext, "db" | "actor">, agentId: string): Promise<{ agentId: string; unread: number }> {
  const [latest] = await ctx.db
    .select({ id: streamEvents.id })
    .from(streamEvents)
    .where(eq(streamEvents.topic, chatTopic(agentId)))
    .orderBy(desc(streamEvents.id))
    .limit(1);
  if (latest) {
    await ctx.db
      .insert(chatReads)
      .values({ userId: ctx.actor.userId, agentId, lastReadId: latest.id })
      .onConflictDoUpdate({
        target: [chatReads.userId, chatReads.agentId],
        // Never backwards: a late request from an older tab must not bring read messages back.
        set: { lastReadId: sql`greatest(${chatReads.lastReadId}, excluded.last_read_id)`, readAt: new Date() },
      });
  }
  return { agentId, unread: 0 };
}

/** Messages from the endpoint this user has not read, per device (devices without any are left out). */
export async function unreadChatCounts(db: Db, userId: number, agentIds: string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const devices = JSON.stringify(agentIds.map((agentId) => ({ agent_id: agentId, topic: chatTopic(agentId) })));
  const rows = await db.execute<{ agent_id: string; unread: string }>(sql`
    select ids.agent_id, count(e.id) as unread
    from jsonb_to_recordset(${devices}::jsonb) as ids(agent_id text, topic text)
    left join ${chatReads} r on r.user_id = ${userId} and r.agent_id = ids.agent_id
    join ${streamEvents} e on e.topic = ids.topic and e.id > coalesce(r.last_read_id, 0)
    where e.event = ${CHAT_EVENT} and e.data->>'direction' = 'agent'
    group by ids.agent_id`);
  return new Map(rows.map((row) => [row.agent_id, Number(row.unread)]));
}

export async function unreadChatCount(db: Db, userId: number, agentId: string): Promise<number> {
  return (await unreadChatCounts(db, userId, [agentId])).get(agentId) ?? 0;
}

