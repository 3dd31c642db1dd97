/**
 * `file-stream-upload`: continues an upload started with `upload-file-start`, its bytes arriving
 * as data frames instead of chunk commands. The agent grants the first window of credit, writes each
 * frame to the upload's temporary file in order and grants more as writes complete; when the relay
 * says the body is complete it answers with the bytes written. The server then ends the upload with
 * `upload-file-end` (the whole file's SHA-256, then the rename), as for a chunked upload. A relay
 * that fails, or a lost socket, leaves the temporary file as it is, so the upload can be resumed.
 */
import { ReceiveWindow, STREAM_START_TIMEOUT_MS, type GatewayStreamEndMessage, type StreamFrame } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import type { StreamChannel, StreamEndpoint } from "../../streams/stream-channel";
import type { UploadAppender, Uploads } from "./uploads";

export async function startUploadStream(
  uploads: Uploads,
  channel: StreamChannel,
  input: { transferId: string; uploadId: string; offset: number },
  startTimeoutMs = STREAM_START_TIMEOUT_MS,
): Promise<{ transferId: string; uploadId: string; receivedBytes: number }> {
  const appender = await uploads.openAppender(input.uploadId, input.offset);
  const receiver = new FileReceiver(channel, input.transferId, appender);
  try {
    channel.register(input.transferId, receiver);
  } catch (error) {
    await appender.close();
    throw error;
  }
  receiver.start(startTimeoutMs);
  return { transferId: input.transferId, uploadId: input.uploadId, receivedBytes: input.offset };
}

class FileReceiver implements StreamEndpoint {
  private readonly window = new ReceiveWindow();
  /** Writes in arrival order; each one grants credit for its bytes when done. */
  private writing = Promise.resolve();
  private finished = false;
  private startTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: StreamChannel,
    private readonly transferId: string,
    private readonly appender: UploadAppender,
  ) {}

  start(startTimeoutMs: number): void {
    this.startTimer = setTimeout(() => this.fail(new CommandError("timeout", `no data arrived within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
    this.channel.sendCredit(this.transferId, this.window.open());
  }

  onFrame(frame: StreamFrame): void {
    if (this.finished) return;
    clearTimeout(this.startTimer);
    if (frame.kind !== "data") return this.fail(new CommandError("invalid", "an upload receives data, not credit"));
    const { payload } = frame;
    if (!this.window.accept(payload.length)) return this.fail(new CommandError("invalid", "the relay sent more than the credit it was granted"));
    this.writing = this.writing.then(async () => {
      await this.appender.write(payload);
      const grant = this.window.release(payload.length);
      if (grant > 0 && !this.finished) this.channel.sendCredit(this.transferId, grant);
    });
    this.writing.catch((error: unknown) => this.fail(error));
  }

  onRelayEnd(message: GatewayStreamEndMessage): void {
    clearTimeout(this.startTimer);
    if (!message.ok) return void this.close();
    void this.writing
      .then(async () => {
        const received = this.window.receivedBytes;
        if (message.bytes !== received) throw new CommandError("invalid", `the relay sent ${message.bytes} bytes but ${received} arrived`);
        if (await this.close()) this.channel.endWithSuccess(this.transferId, received);
      })
      .catch((error: unknown) => this.fail(error));
  }

  abort(): void {
    void this.close();
  }

  private fail(error: unknown): void {
    void this.close().then((closedNow) => closedNow && this.channel.endWithError(this.transferId, error));
  }

  /**
   * True for the call that finished the transfer. What arrived is written before the upload is
   * released, so its temporary file holds exactly the bytes received: the upload resumes there.
   */
  private async close(): Promise<boolean> {
    if (this.finished) return false;
    this.finished = true;
    clearTimeout(this.startTimer);
    this.channel.unregister(this.transferId, this);
    await this.writing.catch(() => undefined);
    await this.appender.close();
    return true;
  }
}
