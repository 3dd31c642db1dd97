/**
 * One HTTP request to a gateway's file relay (src/protocol/file-relay.ts), signed with a fresh
 * relay token for its transfer, and the relay's refusals as the errors users see.
 */
import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import { relayAnswer, RELAY_METHODS, relayPath, type RelayDirection } from "../../protocol";
import { getRelayTokenKey, signRelayToken } from "../auth/relay-tokens";
import { AppError } from "../errors";
import type { RelayTarget } from "./relay-target";

/** How long the gateway may take to register a transfer (answer the headers, or 100 Continue). */
export const RELAY_OPEN_TIMEOUT_MS = 30_000;
/** Longer than the gateway's own wait on a silent agent (60 s), so its clearer message wins. */
export const RELAY_SILENCE_TIMEOUT_MS = 90_000;
const MAX_ANSWER_BYTES = 16 * 1024;

export function relayRequest(target: RelayTarget, direction: RelayDirection, transferId: string): ClientRequest {
  const url = new URL(relayPath(direction, transferId), target.url);
  const token = signRelayToken(getRelayTokenKey(), { transferId, agentId: target.agentId, direction }, new Date());
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (direction === "upload") Object.assign(headers, { expect: "100-continue", "content-type": "application/octet-stream" });
  // A connection of its own: a relay request that fails midway must not leave a half-read one in a pool.
  return (url.protocol === "https:" ? https : http).request(url, { method: RELAY_METHODS[direction], headers, agent: false });
}

/** `work`, or a failure once the gateway has stayed silent that long while we wait on it. */
export function unlessSilent<T>(work: Promise<T>, silenceMs = RELAY_SILENCE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError("AGENT_TIMEOUT", `The gateway's file relay stayed silent for ${silenceMs / 1000} s`)), silenceMs);
  });
  return Promise.race([work, silence]).finally(() => clearTimeout(timer));
}

export function unreachable(error: Error): AppError {
  return new AppError("AGENT_ERROR", `The gateway's file relay failed: ${error.message}`);
}

/** The relay's JSON answer ({ bytes } or { error }), read within a small limit. */
export async function readAnswer(response: IncomingMessage): Promise<{ bytes: number } | { error: string }> {
  let text = "";
  for await (const piece of response as AsyncIterable<Buffer>) {
    text += piece.toString("utf8");
    if (text.length > MAX_ANSWER_BYTES) break;
  }
  try {
    const parsed = relayAnswer.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: reported below
  }
  return { error: `the gateway answered ${response.statusCode} without a reason` };
}

/** A refusal or failure of the relay as the error users see. */
export function relayError(status: number | undefined, message: string): AppError {
  // 409: the agent moved to another gateway (or dropped) since it was looked up; trying again works.
  if (status === 409) return new AppError("AGENT_OFFLINE", `The file relay refused: ${message}`);
  if (status === 504) return new AppError("AGENT_TIMEOUT", `The file relay gave up: ${message}`);
  // 401 means web and gateway do not share AUTH_SECRET: a setup problem, reported as such.
  if (status === 401) return new AppError("UNAVAILABLE", `The gateway refused the relay token (do the web and gateway processes share AUTH_SECRET?): ${message}`);
  return new AppError("AGENT_ERROR", `The file transfer failed: ${message}`);
}

/** A relay answer other than the expected one, read and turned into its error. */
export async function refusal(response: IncomingMessage): Promise<AppError> {
  const answer = await readAnswer(response);
  return relayError(response.statusCode, "error" in answer ? answer.error : `unexpected answer ${response.statusCode}`);
}
