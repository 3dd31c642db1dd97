/**
 * Chat between a dashboard user and the person at the endpoint:
 * `chat-request` carries a dashboard message to the agent, `chat-response`
 * carries the endpoint user's messages back (the pair covers both directions).
 */
import { z } from "zod";
import { identifier, isoTimestamp, shortText } from "./common";
import { defineCommand, defineMessage, type CommandSpec } from "./envelope";

const chatText = z.string().min(1).max(8_192);

export const chatRequestCommand = defineCommand("chat-request", {
  sessionId: identifier,
  text: chatText,
  user: shortText(256),
  role: z.enum(["viewer", "operator", "admin"]).optional(),
});

export const chatRequestResult = z.object({ sessionId: identifier, delivered: z.literal(true) });

export const chatResponseMessage = defineMessage("chat-response", {
  sessionId: identifier,
  text: chatText,
  /** The endpoint's logged-in user, when known. */
  user: shortText(256).optional(),
  timestamp: isoTimestamp,
});

export const chatCommands = {
  "chat-request": { command: chatRequestCommand, result: chatRequestResult },
} satisfies Record<string, CommandSpec>;

export type ChatResponseMessage = z.infer<typeof chatResponseMessage>;
