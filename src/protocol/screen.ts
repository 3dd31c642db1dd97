/**
 * Screen sharing signalling (WebRTC): `list-screens`, `start-screen`,
 * `screen-answer`, `screen-candidate`, `stop-screen` (server → agent) and
 * `screen-candidate`, `screen-list` (agent → server). Frames never travel
 * over this channel.
 */
import { z } from "zod";
import { identifier, shortText } from "./common";
import { defineCommand, defineMessage, type CommandSpec } from "./envelope";

export const screenInfo = z.object({
  id: identifier,
  name: shortText(256),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  x: z.number().int(),
  y: z.number().int(),
  primary: z.boolean(),
});

/** Mirrors RTCIceCandidateInit. */
export const iceCandidate = z.object({
  candidate: z.string().max(4096),
  sdpMid: z.string().max(256).nullable().optional(),
  sdpMLineIndex: z.number().int().nonnegative().nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

const sdp = z.string().min(1).max(262_144);

/** Not in the spec's table: how the server asks for a fresh screen list. */
export const listScreensCommand = defineCommand("list-screens", {});
export const screenListShape = { screens: z.array(screenInfo).max(64) };
export const listScreensResult = z.object(screenListShape);

/** The agent creates the offer; it comes back in the result. */
export const startScreenCommand = defineCommand("start-screen", {
  sessionId: identifier,
  screenId: identifier.optional(),
  scale: z.number().positive().max(1).optional(),
});

export const startScreenResult = z.object({
  sessionId: identifier,
  screenId: identifier,
  screenName: shortText(256),
  offer: z.object({ type: z.literal("offer"), sdp }),
});

/** The dashboard's SDP answer, relayed by the server. */
export const screenAnswerCommand = defineCommand("screen-answer", {
  sessionId: identifier,
  answer: z.object({ type: z.literal("answer"), sdp }),
});

const sessionAck = z.object({ sessionId: identifier, accepted: z.literal(true) });

export const screenCandidateCommand = defineCommand("screen-candidate", {
  sessionId: identifier,
  candidate: iceCandidate,
});

/** Not in the spec's table: ends the capture when the dashboard stops. */
export const stopScreenCommand = defineCommand("stop-screen", { sessionId: identifier });

/** agent → server: the agent's own ICE candidates. */
export const screenCandidateMessage = defineMessage("screen-candidate", {
  sessionId: identifier,
  candidate: iceCandidate,
});

/** agent → server: pushed after hello and whenever the monitor layout changes. */
export const screenListMessage = defineMessage("screen-list", screenListShape);

export const screenCommands = {
  "list-screens": { command: listScreensCommand, result: listScreensResult },
  "start-screen": { command: startScreenCommand, result: startScreenResult },
  "screen-answer": { command: screenAnswerCommand, result: sessionAck },
  "screen-candidate": { command: screenCandidateCommand, result: sessionAck },
  "stop-screen": { command: stopScreenCommand, result: sessionAck },
} satisfies Record<string, CommandSpec>;

export type ScreenInfo = z.infer<typeof screenInfo>;
