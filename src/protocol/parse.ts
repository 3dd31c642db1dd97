/**
 * Turning raw WebSocket text into typed messages, with errors shaped so the
 * gateway can answer them (`error`) and the agent can answer a broken
 * command (`command-result` with `invalid` / `unsupported`).
 */
import { z } from "zod";
import {
  AGENT_MESSAGE_TYPES,
  agentToServerMessage,
  SERVER_MESSAGE_TYPES,
  serverToAgentMessage,
  type AgentToServerMessage,
  type ServerToAgentMessage,
} from "./messages";

export interface ProtocolError {
  code: "malformed" | "unknown-type" | "invalid";
  message: string;
  /** The offending message's `type`, when it had a string one (truncated). */
  messageType?: string;
  /** Its `commandId`, when it had a string one (truncated), so a reply can be correlated. */
  commandId?: string;
}

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: ProtocolError };

const MAX_ECHOED_CHARS = 128;
const MAX_ERROR_CHARS = 2_000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? clip(value, MAX_ECHOED_CHARS) : undefined;
}

function makeParser<S extends z.ZodType>(schema: S, knownTypes: ReadonlySet<string>) {
  return (raw: string): ParseResult<z.output<S>> => {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return { ok: false, error: { code: "malformed", message: "message is not valid JSON" } };
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return { ok: false, error: { code: "malformed", message: "message must be a JSON object" } };
    }
    const record = data as Record<string, unknown>;
    const messageType = optionalString(record.type);
    const commandId = optionalString(record.commandId);
    const context = { messageType, commandId };
    if (messageType === undefined) {
      return { ok: false, error: { code: "malformed", message: "message needs a string `type`", ...context } };
    }
    if (!knownTypes.has(record.type as string)) {
      return { ok: false, error: { code: "unknown-type", message: `unknown message type "${messageType}"`, ...context } };
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      return { ok: false, error: { code: "invalid", message: clip(z.prettifyError(parsed.error), MAX_ERROR_CHARS), ...context } };
    }
    return { ok: true, message: parsed.data };
  };
}

/** For the gateway: a message received from an agent. */
export const parseAgentMessage: (raw: string) => ParseResult<AgentToServerMessage> = makeParser(
  agentToServerMessage,
  AGENT_MESSAGE_TYPES,
);

/** For the agent: a message received from the gateway. */
export const parseServerMessage: (raw: string) => ParseResult<ServerToAgentMessage> = makeParser(
  serverToAgentMessage,
  SERVER_MESSAGE_TYPES,
);
