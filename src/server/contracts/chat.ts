/**
 * Chat between technicians and the person at a device (specification 000, "Chat endpoints"): what
 * a message looks like on every surface and in the stream, and the inputs of the chat procedures.
 * `direction` keeps the reference server's values: "server" for a technician's message, "agent"
 * for the endpoint user's answer.
 */
import { z } from "zod";
import { agentIdInput } from "./agents";

export const CHAT_TEXT_MAX = 8_192;
export const CHAT_DIRECTIONS = ["server", "agent"] as const;
export type ChatDirection = (typeof CHAT_DIRECTIONS)[number];

/** The `chat` event's data, as stored on topic `chat:<agentId>` and sent to viewers. */
export const chatEvent = z.object({
  sessionId: z.string(),
  agentId: z.string(),
  text: z.string(),
  direction: z.enum(CHAT_DIRECTIONS),
  /** The technician's username, or the endpoint's logged-in user (the device name when unknown). */
  user: z.string(),
  /** The technician's role; "agent" for the endpoint user, as the reference server says. */
  role: z.string(),
  timestamp: z.string(),
});
export type ChatEvent = z.infer<typeof chatEvent>;

/** A stored message with its stream id: what polling answers (the id is where the next poll starts). */
export const storedChatEvent = chatEvent.extend({ id: z.number().int() });
export type StoredChatEvent = z.infer<typeof storedChatEvent>;

export const sendChatInput = z.strictObject({
  agentId: agentIdInput,
  text: z
    .string({ error: "must be a string" })
    .trim()
    .min(1, "must not be empty")
    .max(CHAT_TEXT_MAX, `must be at most ${CHAT_TEXT_MAX} characters`),
});
export const chatSent = z.object({ sessionId: z.string() });

/** How many messages a new viewer (or a poll without `after`) is shown. */
export const CHAT_HISTORY_LIMIT = 200;

export const chatHistoryInput = z.strictObject({
  agentId: agentIdInput,
  /** Only messages after this stream id (the last `id` a poller saw). */
  after: z.coerce.number({ error: "must be a number" }).int().min(0).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(CHAT_HISTORY_LIMIT).default(CHAT_HISTORY_LIMIT),
});
export const chatHistory = z.array(storedChatEvent);

export const chatUnread = z.object({ agentId: z.string(), unread: z.number().int() });
