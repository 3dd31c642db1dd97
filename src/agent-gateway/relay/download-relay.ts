/**
 * A relayed download: the agent's data frames are written to the web process's HTTP response as
 * they arrive, and credit goes back to the agent only for bytes the response has taken (at once
 * when `write` says so, else at `drain`). So a slow reader at the far end slows the agent down and
 * the gateway holds at most one window. The outcome travels as trailers: the agent's byte count and
 * SHA-256, which the web process checks against what it received, or the reason it failed.
 */
import type { ServerResponse } from "node:http";
import { encodeCreditFrame, ReceiveWindow, RELAY_TRAILERS, type AgentStreamEndMessage, type StreamFrame } from "../../protocol";
import type { AgentConnection } from "../agent-connection";
import { relayFailed, type RelayTransfer } from "./relay-transfers";
import { StallTimer } from "./stall-timer";

export class DownloadRelay implements RelayTransfer {
  private readonly window = new ReceiveWindow();
  private readonly stall: StallTimer;
  /** Bytes written to the response but not yet taken by it (waiting for `drain`). */
  private unreleased = 0;
  private finished = false;

  constructor(
    readonly transferId: string,
    readonly connection: AgentConnection,
    private readonly response: ServerResponse,
    private readonly onFinished: (transfer: RelayTransfer) => void,
    stallTimeoutMs: number,
  ) {
    this.stall = new StallTimer(stallTimeoutMs, () => this.abandon(`the agent sent nothing for ${stallTimeoutMs / 1000} s`));
  }

  start(): void {
    this.response.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "no-store", trailer: [RELAY_TRAILERS.bytes, RELAY_TRAILERS.sha256, RELAY_TRAILERS.error].join(", ") });
    // Now, not with the first byte: the headers tell the web process the transfer is registered.
    this.response.flushHeaders();
    this.response.on("drain", () => this.release());
    this.response.on("close", () => this.abandon("the relay request was aborted"));
    this.grant(this.window.open());
    this.stall.update(true);
  }

  onFrame(frame: StreamFrame): void {
    if (this.finished) return;
    if (frame.kind !== "data") return this.abandon("a download's agent sends data, not credit");
    if (!this.window.accept(frame.payload.length)) return this.abandon("the agent sent more than the credit it was granted");
    this.unreleased += frame.payload.length;
    if (this.response.write(frame.payload)) this.release();
    else this.stall.update(this.window.outstanding > 0);
  }

  onAgentEnd(message: AgentStreamEndMessage): void {
    if (!message.ok) return this.end({ [RELAY_TRAILERS.error]: message.error.message });
    if (message.bytes !== this.window.receivedBytes || !message.sha256) return this.abandon(`the agent reported ${message.bytes} bytes, ${this.window.receivedBytes} arrived`);
    this.end({ [RELAY_TRAILERS.bytes]: String(message.bytes), [RELAY_TRAILERS.sha256]: message.sha256 });
  }

  fail(reason: string): void {
    this.end({ [RELAY_TRAILERS.error]: reason });
  }

  private release(): void {
    const bytes = this.unreleased;
    this.unreleased = 0;
    const grant = this.window.release(bytes);
    if (grant > 0) this.grant(grant);
    this.stall.update(this.window.outstanding > 0);
  }

  private grant(bytes: number): void {
    if (!this.finished) this.connection.sendBinary(encodeCreditFrame(this.transferId, bytes));
  }

  /** Ends both sides: the agent stops sending, the web process reads why. */
  private abandon(reason: string): void {
    if (this.finished) return;
    this.connection.send(relayFailed(this.transferId, reason));
    this.end({ [RELAY_TRAILERS.error]: reason });
  }

  private end(trailers: Record<string, string>): void {
    if (this.finished) return;
    this.finished = true;
    this.stall.stop();
    this.onFinished(this);
    if (this.response.writableEnded || this.response.destroyed) return;
    this.response.addTrailers(trailers);
    this.response.end();
  }
}
