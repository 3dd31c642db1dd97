/**
 * An upload's bytes through the gateway's file relay: the relay request goes first (its
 * `100 Continue` means the gateway has registered the transfer), then `file-stream-upload` asks the
 * agent to take it (the agent grants the credit that lets the gateway read the body), and the bytes
 * are written as fast as the request takes them, which is as fast as the agent writes them. It
 * resolves once the gateway says the agent has written every byte sent; the upload then ends with
 * `upload-file-end` on the bus, which checks the whole file's SHA-256 before the rename.
 */
import { randomUUID } from "node:crypto";
import type { ClientRequest, IncomingMessage } from "node:http";
import { once } from "node:events";
import type { UploadSteps } from "../services/file-transfer";
import { AppError } from "../errors";
import { readAnswer, refusal, relayError, relayRequest, RELAY_OPEN_TIMEOUT_MS, RELAY_SILENCE_TIMEOUT_MS, unlessSilent, unreachable } from "./relay-request";
import type { RelayTarget } from "./relay-target";

export type StartUploadStream = (input: { uploadId: string; transferId: string; offset: number }) => Promise<unknown>;

/** The request once the gateway said continue, and its final answer (which may come early, when the transfer fails). */
function openRequest(target: RelayTarget, transferId: string): { request: ClientRequest; continued: Promise<void>; answered: Promise<IncomingMessage> } {
  const request = relayRequest(target, "upload", transferId);
  request.setTimeout(RELAY_OPEN_TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${RELAY_OPEN_TIMEOUT_MS / 1000} s`)));
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request.once("response", resolve);
    request.on("error", (error) => reject(unreachable(error)));
  });
  const continued = new Promise<void>((resolve, reject) => {
    let going = false;
    request.once("continue", () => {
      going = true;
      request.setTimeout(0);
      resolve();
    });
    // An answer instead of the 100 is a refusal (bad token, agent not here); after it, the answer is finalAnswer's to read.
    answered.then(async (response) => going || reject(await refusal(response)), reject);
  });
  // Sends the headers now: the body waits for the 100.
  request.flushHeaders();
  return { request, continued, answered };
}

/**
 * A fresh promise per wait that resolves once the answer has arrived. Racing every piece against
 * one long-lived promise instead would keep each race's result, each piece of the file, reachable
 * from that promise until the transfer ends: the whole file in memory.
 */
function answerWatch(answered: Promise<IncomingMessage>): () => Promise<"answered"> {
  let arrived = false;
  let wake: (() => void) | undefined;
  const mark = () => {
    arrived = true;
    wake?.();
  };
  answered.then(mark, mark);
  return () => new Promise((resolve) => (arrived ? resolve("answered") : (wake = () => resolve("answered"))));
}

/**
 * Writes the bytes with the request's backpressure. An answer before the end is a failure (the
 * agent could not write, or went away): writing stops there, even while the source is waiting for
 * its client, and finalAnswer reads why.
 */
async function writeBody(request: ClientRequest, bytes: AsyncIterable<Buffer>, answered: Promise<IncomingMessage>): Promise<number> {
  const answer = answerWatch(answered);
  const pieces = bytes[Symbol.asyncIterator]();
  let sent = 0;
  for (;;) {
    const next = await Promise.race([pieces.next(), answer()]);
    if (next === "answered") {
      // Let the source finish in the background; its owner drains what its client still sends.
      void pieces.return?.().catch(() => undefined);
      return sent;
    }
    if (next.done) break;
    sent += next.value.length;
    // The gateway reads whenever the agent takes bytes, and answers by itself when the agent stops: silence here is a frozen gateway.
    if (!request.write(next.value)) await unlessSilent(Promise.race([once(request, "drain"), answer()]));
  }
  request.end();
  return sent;
}

async function finalAnswer(request: ClientRequest, answered: Promise<IncomingMessage>): Promise<number> {
  request.setTimeout(RELAY_SILENCE_TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${RELAY_SILENCE_TIMEOUT_MS / 1000} s of the body's end`)));
  const response = await answered;
  const answer = await readAnswer(response);
  if ("error" in answer) throw relayError(response.statusCode, answer.error);
  return answer.bytes;
}

/** The relay's way to send an upload's bytes (see `pushUpload`), asking the agent with `startStream`. */
export function sendThroughRelay(target: RelayTarget, startStream: StartUploadStream): UploadSteps["send"] {
  return async ({ uploadId, offset, bytes }) => {
    const transferId = randomUUID();
    const { request, continued, answered } = openRequest(target, transferId);
    answered.catch(() => undefined);
    try {
      await continued;
      const [, sent] = await Promise.all([startStream({ uploadId, transferId, offset }), writeBody(request, bytes, answered)]);
      const written = await finalAnswer(request, answered);
      if (written !== sent) throw new AppError("AGENT_ERROR", `The agent wrote ${written} of the ${sent} bytes sent`);
    } catch (error) {
      request.destroy();
      throw error instanceof AppError ? error : unreachable(error as Error);
    }
  };
}
