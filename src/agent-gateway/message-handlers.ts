/**
 * What the gateway does with each kind of agent message, in one table keyed by message type
 * (`hello` is the connection's own business). A message type without an entry is accepted and
 * ignored: the protocol knows it, but no capability of this server uses it yet. Everything is
 * keyed by the agent id proven on the upgrade, never by ids inside the message.
 */
import type { AgentToServerMessage } from "../protocol";
import type { Db } from "../server/db/client";
import { publishEndpointChat } from "../server/services/chat";
import { recordActionResult } from "../server/services/device-actions";
import { publishStreamEvent } from "../server/streams/publish";
import { streamTopic } from "../server/streams/topics";
import type { AgentConnection } from "./agent-connection";
import type { AgentUpdates } from "./agent-updates";
import type { CommandDelivery } from "./command-delivery";
import type { MetricsStore } from "./metrics-store";
import type { MonitoringEvaluator } from "./monitoring-evaluator";
import type { FileRelay } from "./relay/file-relay";

type AgentMessage = Exclude<AgentToServerMessage, { type: "hello" }>;
type MessageOf<T extends AgentMessage["type"]> = Extract<AgentMessage, { type: T }>;
export type MessageHandlers = { [T in AgentMessage["type"]]?: (connection: AgentConnection, message: MessageOf<T>) => Promise<void> | void };

export type MessageHandlerDeps = { db: Db; delivery: CommandDelivery; metrics: MetricsStore; monitoring: MonitoringEvaluator; updates?: AgentUpdates; relay?: FileRelay };

export function messageHandlers({ db, delivery, metrics, monitoring, updates, relay }: MessageHandlerDeps): MessageHandlers {
  return {
    "command-result": async (connection, message) => {
      if ((await delivery.onResult(connection.agentId, message)) === "unknown") {
        connection.send({ type: "error", code: "invalid", message: "no such command in flight for this agent", inReplyTo: message.commandId });
      }
    },
    "monitoring-metrics": async (connection, message) => {
      metrics.add(connection.agentId, message);
      await monitoring.onMetrics(connection.agentId, message);
    },
    "agent-update-status": async (connection, message) => {
      await updates?.onStatus(connection.agentId, message);
    },
    "action-result": (connection, message) => recordActionResult(db, connection.agentId, message),
    "shell-output": async (connection, { sessionId, stream, output, timestamp }) => {
      // One topic per session: its rows are that session's transcript.
      await publishStreamEvent(db, { topic: streamTopic("shell", connection.agentId, sessionId), event: "shell", data: { sessionId, stream, output, timestamp } });
    },
    "log-lines": async (connection, { streamId, lines, ended }) => {
      const topic = streamTopic("logs", connection.agentId, streamId);
      if (lines.length > 0) await publishStreamEvent(db, { topic, event: "log", data: { lines } });
      if (ended) await publishStreamEvent(db, { topic, event: "end", data: ended });
    },
    "chat-response": async (connection, message) => {
      await publishEndpointChat(db, connection.agentId, message);
    },
    "file-stream-end": (connection, message) => relay?.routeEnd(connection, message),
  };
}

export async function handleAgentMessage(handlers: MessageHandlers, connection: AgentConnection, message: AgentMessage): Promise<void> {
  const handler = handlers[message.type] as ((connection: AgentConnection, message: AgentMessage) => Promise<void> | void) | undefined;
  await handler?.(connection, message);
}
