/**
 * `file-stream-download`: opens the file and answers its size and date at once; then sends it as
 * data frames as the gateway grants credit, hashing as it reads, and ends with the byte count and
 * SHA-256, or with the reason it stopped (a file that changes while it is read is an error, as with
 * the chunked download). The bytes are read straight into the frames that carry them.
 */
import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import type { PlatformPath } from "node:path";
import {
  allocateDataFrame,
  STREAM_FRAME_HEADER_BYTES,
  STREAM_FRAME_MAX_BYTES,
  STREAM_SEND_QUEUE_BYTES,
  STREAM_START_TIMEOUT_MS,
  type FileStreamDownloadResult,
  type StreamFrame,
} from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import type { StreamChannel, StreamEndpoint } from "../../streams/stream-channel";
import { onPath } from "./fs-errors";
import { checkedPath } from "./paths";

/** Why the sender stopped without anyone left to tell (the relay ended it, or the socket is gone). */
class Stopped extends Error {}

type OpenFile = { handle: FileHandle; size: number; modifiedMs: number };

async function openRegularFile(path: string, shown: string): Promise<OpenFile> {
  return onPath(shown, async () => {
    const handle = await open(path, "r");
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new CommandError("invalid", `'${shown}' is not a regular file`);
      return { handle, size: info.size, modifiedMs: info.mtimeMs };
    } catch (error) {
      await handle.close();
      throw error;
    }
  });
}

export async function startDownloadStream(
  paths: PlatformPath,
  channel: StreamChannel,
  input: { transferId: string; path: string },
  startTimeoutMs = STREAM_START_TIMEOUT_MS,
): Promise<FileStreamDownloadResult> {
  const path = checkedPath(paths, input.path);
  const file = await openRegularFile(path, input.path);
  const sender = new FileSender(channel, input.transferId, file);
  try {
    channel.register(input.transferId, sender);
  } catch (error) {
    await file.handle.close();
    throw error;
  }
  void sender.run(startTimeoutMs);
  return { transferId: input.transferId, path, totalBytes: file.size, modifiedAt: new Date(file.modifiedMs).toISOString() };
}

class FileSender implements StreamEndpoint {
  private credit = 0;
  /** Bytes handed to the socket that it has not taken yet. */
  private queued = 0;
  /** Set once the sender must stop: a Stopped ends it silently, anything else is reported as the stream's error. */
  private stopped: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly channel: StreamChannel,
    private readonly transferId: string,
    private readonly file: OpenFile,
  ) {}

  onFrame(frame: StreamFrame): void {
    if (frame.kind !== "credit") return this.stop(new CommandError("invalid", "a download receives credit, not data"));
    this.credit += frame.bytes;
    this.wake?.();
  }

  onRelayEnd(): void {
    // Whatever the relay says, nobody reads the rest.
    this.stop(new Stopped("the relay ended"));
  }

  abort(reason: string): void {
    this.stop(new Stopped(reason));
  }

  async run(startTimeoutMs: number): Promise<void> {
    const startTimer = setTimeout(() => this.stop(new CommandError("timeout", `nobody asked for the file within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
    try {
      const hash = createHash("sha256");
      let sent = 0;
      while (sent < this.file.size) {
        await this.mayContinue(() => this.credit > 0 && this.queued < STREAM_SEND_QUEUE_BYTES);
        clearTimeout(startTimer);
        const size = Math.min(this.credit, STREAM_FRAME_MAX_BYTES, this.file.size - sent);
        const frame = allocateDataFrame(this.transferId, size);
        const { bytesRead } = await this.file.handle.read(frame, STREAM_FRAME_HEADER_BYTES, size, sent);
        this.throwIfStopped();
        if (bytesRead === 0) throw new CommandError("failed", "the file got shorter while it was read");
        const filled = frame.subarray(0, STREAM_FRAME_HEADER_BYTES + bytesRead);
        hash.update(filled.subarray(STREAM_FRAME_HEADER_BYTES));
        this.credit -= bytesRead;
        sent += bytesRead;
        this.queued += filled.length;
        const handed = this.channel.sendFrame(filled, () => {
          this.queued -= filled.length;
          this.wake?.();
        });
        if (!handed) throw new Stopped("disconnected");
      }
      const after = await this.file.handle.stat();
      if (after.size !== this.file.size || after.mtimeMs !== this.file.modifiedMs) throw new CommandError("failed", "the file changed while it was read");
      this.throwIfStopped();
      this.channel.endWithSuccess(this.transferId, sent, hash.digest("hex"));
    } catch (error) {
      if (!(error instanceof Stopped)) this.channel.endWithError(this.transferId, error);
    } finally {
      clearTimeout(startTimer);
      this.channel.unregister(this.transferId, this);
      await this.file.handle.close().catch(() => undefined);
    }
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    this.wake?.();
  }

  private throwIfStopped(): void {
    if (this.stopped) throw this.stopped;
  }

  /** Resolves once `ready()` holds; throws as soon as the sender is stopped. */
  private async mayContinue(ready: () => boolean): Promise<void> {
    for (;;) {
      this.throwIfStopped();
      if (ready()) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
