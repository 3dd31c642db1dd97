/**
 * A relayed upload: the web process's request body goes to the agent as data frames, read only as
 * far as the agent's credit reaches (and while the socket to the agent has taken what was queued),
 * so TCP slows the web process down when the agent's disk is slow and the gateway holds at most a
 * frame. When the body ends the agent is told how many bytes it was sent; its answer (the bytes it
 * wrote, or why it could not) becomes the HTTP answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  encodeDataFrame,
  STREAM_FRAME_MAX_BYTES,
  STREAM_SEND_QUEUE_BYTES,
  type AgentStreamEndMessage,
  type RelayAnswer,
  type StreamFrame,
} from "../../protocol";
import type { AgentConnection } from "../agent-connection";
import { relayFailed, type RelayTransfer } from "./relay-transfers";
import { StallTimer } from "./stall-timer";

export class UploadRelay implements RelayTransfer {
  private readonly stall: StallTimer;
  private credit = 0;
  /** Bytes handed to the agent's socket that it has not taken yet. */
  private queued = 0;
  private sent = 0;
  private bodyEnded = false;
  private finished = false;

  constructor(
    readonly transferId: string,
    readonly connection: AgentConnection,
    private readonly request: IncomingMessage,
    private readonly response: ServerResponse,
    private readonly onFinished: (transfer: RelayTransfer) => void,
    stallTimeoutMs: number,
  ) {
    this.stall = new StallTimer(stallTimeoutMs, () => this.abandon(504, `the agent did not take the upload's bytes for ${stallTimeoutMs / 1000} s`));
  }

  /** Registered: the web process may send the body and ask the agent for `file-stream-upload`. */
  start(): void {
    this.request.on("readable", () => this.pump());
    this.request.on("end", () => this.onBodyEnd());
    this.response.on("close", () => this.abandon(499, "the relay request was aborted"));
    if (/100-continue/i.test(this.request.headers.expect ?? "")) this.response.writeContinue();
    this.stall.update(true);
  }

  onFrame(frame: StreamFrame): void {
    if (frame.kind !== "credit") return this.abandon(502, "an upload's agent sends credit, not data");
    this.credit += frame.bytes;
    this.pump();
  }

  onAgentEnd(message: AgentStreamEndMessage): void {
    if (!message.ok) return this.answer(502, { error: message.error.message });
    if (!this.bodyEnded || message.bytes !== this.sent) return this.abandon(502, `the agent reported ${message.bytes} bytes written, ${this.sent} were sent`);
    this.answer(200, { bytes: message.bytes });
  }

  fail(reason: string): void {
    this.answer(502, { error: reason });
  }

  /** Moves what the credit and the socket allow from the body to the agent. */
  private pump(): void {
    while (!this.finished && this.credit > 0 && this.queued < STREAM_SEND_QUEUE_BYTES) {
      const chunk = this.request.read(Math.min(this.credit, STREAM_FRAME_MAX_BYTES)) as Buffer | null;
      if (chunk === null) break;
      const frame = encodeDataFrame(this.transferId, chunk);
      this.credit -= chunk.length;
      this.sent += chunk.length;
      this.queued += frame.length;
      this.connection.sendBinary(frame, () => {
        this.queued -= frame.length;
        this.pump();
      });
    }
    this.stall.update(!this.finished && (this.bodyEnded || this.credit === 0));
  }

  private onBodyEnd(): void {
    if (this.finished) return;
    this.bodyEnded = true;
    this.connection.send({ type: "file-stream-end", transferId: this.transferId, ok: true, bytes: this.sent });
    this.stall.update(true);
  }

  /** Ends both sides: the agent keeps what it wrote (the upload can resume), the web process reads why. */
  private abandon(status: number, reason: string): void {
    if (this.finished) return;
    this.connection.send(relayFailed(this.transferId, reason));
    this.answer(status, { error: reason });
  }

  private answer(status: number, body: RelayAnswer): void {
    if (this.finished) return;
    this.finished = true;
    this.stall.stop();
    this.onFinished(this);
    if (this.response.headersSent || this.response.destroyed) return;
    // An early answer leaves the rest of the body unread: close rather than drain it.
    if (!this.bodyEnded) this.response.setHeader("connection", "close");
    this.response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
}
