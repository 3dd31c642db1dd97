/**
 * The agent's end of file streams (src/protocol/file-stream.ts): routes the gateway's binary frames
 * and `file-stream-end` messages to the transfer they name, carries the agent's frames and end
 * messages out, and aborts every open transfer when the socket is lost or the agent stops: a stream
 * does not outlive its connection, the server starts a new one.
 */
import { decodeStreamFrame, encodeCreditFrame, type AgentStreamEndMessage, type GatewayStreamEndMessage, type StreamFrame } from "../../../src/protocol";
import { CommandError } from "../command-error";
import type { Logger } from "../log";
import { errorMessage } from "../util";

/** One open transfer, as a capability implements it. */
export interface StreamEndpoint {
  /** Data (an upload's bytes) or credit (for a download) from the gateway. */
  onFrame(frame: StreamFrame): void;
  /** The relay's half is done: an upload's body is complete, or the relay failed. */
  onRelayEnd(message: GatewayStreamEndMessage): void;
  /** The socket is gone or the agent stops: release what the transfer holds; nothing can be sent. */
  abort(reason: string): void;
}

export interface FrameTransport {
  /** False when not connected. `written` runs once the socket has taken the frame (or failed to). */
  sendFrame(frame: Buffer, written: () => void): boolean;
  sendEnd(message: AgentStreamEndMessage): boolean;
}

export class StreamChannel {
  private readonly endpoints = new Map<string, StreamEndpoint>();

  constructor(
    private readonly transport: FrameTransport,
    private readonly log: Logger,
  ) {}

  register(transferId: string, endpoint: StreamEndpoint): void {
    if (this.endpoints.has(transferId)) throw new CommandError("invalid", `transfer ${transferId} is already open`);
    this.endpoints.set(transferId, endpoint);
  }

  unregister(transferId: string, endpoint: StreamEndpoint): void {
    if (this.endpoints.get(transferId) === endpoint) this.endpoints.delete(transferId);
  }

  /** A binary frame from the gateway. One for a transfer that has just ended is expected and dropped. */
  receiveFrame(data: Buffer): void {
    const frame = decodeStreamFrame(data);
    if (!frame) return this.log.warn("stream-frame-rejected", { bytes: data.length });
    this.endpoints.get(frame.transferId)?.onFrame(frame);
  }

  receiveEnd(message: GatewayStreamEndMessage): void {
    this.endpoints.get(message.transferId)?.onRelayEnd(message);
  }

  sendFrame(frame: Buffer, written: () => void): boolean {
    return this.transport.sendFrame(frame, written);
  }

  sendCredit(transferId: string, bytes: number): void {
    this.transport.sendFrame(encodeCreditFrame(transferId, bytes), () => {});
  }

  endWithSuccess(transferId: string, bytes: number, sha256?: string): void {
    this.transport.sendEnd({ type: "file-stream-end", transferId, ok: true, bytes, ...(sha256 ? { sha256 } : {}) });
  }

  /** A CommandError keeps its code; anything else is `failed`, as for a command's reply. */
  endWithError(transferId: string, error: unknown): void {
    const code = error instanceof CommandError ? error.code : "failed";
    this.transport.sendEnd({ type: "file-stream-end", transferId, ok: false, error: { code, message: errorMessage(error).slice(0, 4096) } });
  }

  abortAll(reason: string): void {
    const open = [...this.endpoints.values()];
    this.endpoints.clear();
    for (const endpoint of open) endpoint.abort(reason);
  }

  get openTransfers(): number {
    return this.endpoints.size;
  }
}
