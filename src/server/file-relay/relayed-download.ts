/**
 * The body of a download through the gateway's file relay. The agent has already opened the file
 * (`file-stream-download` answered its size); the relay's 200 means the gateway has registered the
 * transfer and granted the agent its first credit. The bytes are handed on as they come, hashed and
 * counted on the way, and the stream ends only when the count equals the size the agent answered
 * and the SHA-256 equals the one in the relay's trailers. Anything else (a short or long body, a
 * wrong hash, the relay's error trailer, a lost connection, a gateway silent for too long while the
 * client waits) errors the stream. The last piece is held back until that check has passed, so a
 * client counting bytes against Content-Length never sees a complete file that was not verified.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { relayDownloadOutcome } from "../../protocol";
import { AppError } from "../errors";
import { refusal, relayRequest, RELAY_OPEN_TIMEOUT_MS, unlessSilent, unreachable } from "./relay-request";
import type { RelayTarget } from "./relay-target";

function openResponse(target: RelayTarget, transferId: string): Promise<IncomingMessage> {
  const request = relayRequest(target, "download", transferId);
  return new Promise((resolve, reject) => {
    request.setTimeout(RELAY_OPEN_TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${RELAY_OPEN_TIMEOUT_MS / 1000} s`)));
    // Not once: the socket may fail again later, mid-body, and an unheard error would end the process.
    request.on("error", (error) => reject(unreachable(error)));
    request.once("response", (response) => {
      request.setTimeout(0);
      resolve(response);
    });
    request.end();
  });
}

function checkOutcome(response: IncomingMessage, received: number, totalBytes: number, sha256: string): void {
  const outcome = relayDownloadOutcome.safeParse(response.trailers);
  if (!outcome.success) throw new AppError("AGENT_ERROR", "The file relay ended without the transfer's outcome");
  if (!outcome.data.ok) throw new AppError("AGENT_ERROR", `The download failed: ${outcome.data.error}`);
  if (received !== totalBytes || outcome.data.bytes !== totalBytes) throw new AppError("AGENT_ERROR", `The relay delivered ${received} of ${totalBytes} bytes`);
  if (outcome.data.sha256 !== sha256) throw new AppError("AGENT_ERROR", "The downloaded bytes do not match the SHA-256 the agent computed");
}

export async function openRelayedDownload(target: RelayTarget, input: { transferId: string; totalBytes: number }): Promise<ReadableStream<Uint8Array>> {
  const response = await openResponse(target, input.transferId);
  if (response.statusCode !== 200) throw await refusal(response);
  const pieces = (response as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const hash = createHash("sha256");
  let received = 0;
  let held: Buffer | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const next = await unlessSilent(pieces.next()).catch((error: unknown) => {
            throw error instanceof AppError ? error : unreachable(error as Error);
          });
          if (next.done) {
            checkOutcome(response, received, input.totalBytes, hash.digest("hex"));
            if (held) controller.enqueue(held);
            return controller.close();
          }
          received += next.value.length;
          if (received > input.totalBytes) throw new AppError("AGENT_ERROR", `The relay delivered more than the file's ${input.totalBytes} bytes`);
          hash.update(next.value);
          const ready = held;
          held = next.value;
          if (ready) return controller.enqueue(ready);
        }
      },
      cancel() {
        // The client went away: the gateway sees the relay request end and stops the agent.
        response.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
