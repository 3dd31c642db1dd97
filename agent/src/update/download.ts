/**
 * Fetches a release from the gateway with the agent's own credential into a file, hashing as it
 * writes, and refuses it unless the size and the SHA-256 are exactly the ones offered. Nothing is
 * executed or moved here; a refused file is deleted.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AgentUpdateAvailableMessage } from "../../../src/protocol";

export type Fetch = typeof fetch;

export interface DownloadRequest {
  url: string;
  authorization: string;
  offer: AgentUpdateAvailableMessage;
  destination: string;
  fetch?: Fetch;
  timeoutMs?: number;
}

const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

export async function downloadRelease({ url, authorization, offer, destination, fetch: fetchFn = fetch, timeoutMs = DOWNLOAD_TIMEOUT_MS }: DownloadRequest): Promise<void> {
  const response = await fetchFn(url, { headers: { authorization }, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok || !response.body) throw new Error(`the gateway answered ${response.status} for ${offer.version}`);
  const hash = createHash("sha256");
  let received = 0;
  const verify = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > offer.size) return callback(new Error(`the download is larger than the ${offer.size} bytes offered`));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const file = createWriteStream(destination, { mode: 0o755 });
  try {
    await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), verify, file);
    if (received !== offer.size) throw new Error(`received ${received} bytes, ${offer.size} were offered`);
    const digest = hash.digest("hex");
    if (digest !== offer.sha256) throw new Error(`SHA-256 mismatch: got ${digest}, ${offer.sha256} was offered`);
  } catch (error) {
    // The file is opened asynchronously: a refusal can come before the open, which would then
    // create the file after it was removed. Wait until the stream is closed, then remove it.
    if (!file.closed) await new Promise<void>((resolve) => file.once("close", () => resolve()));
    await rm(destination, { force: true });
    throw error;
  }
}
