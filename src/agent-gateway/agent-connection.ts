/**
 * One agent's socket: rate limit, parse every message with the protocol's schemas, answer bad
 * input with an `error` (the connection survives), and route good messages, and binary frames to
 * the file relay. Everything written is keyed by the identity proven on the upgrade, never by ids
 * inside messages.
 */
import type WebSocket from "ws";
import { decodeStreamFrame, parseAgentMessage, toGatewayError, type AgentToServerMessage, type GatewayErrorMessage, type HelloMessage, type StreamFrame } from "../protocol";
import { TokenBucket } from "./rate-limiter";

export const RATE_PER_SECOND = 200;
export const RATE_BURST = 400;

export type ConnectionEvents = {
  onHello(connection: AgentConnection, hello: HelloMessage): Promise<void>;
  onMessage(connection: AgentConnection, message: Exclude<AgentToServerMessage, HelloMessage>): Promise<void>;
  /** False when no open transfer of this connection takes the frame. */
  onFrame(connection: AgentConnection, frame: StreamFrame): boolean;
};

export class AgentConnection {
  private readonly limiter = new TokenBucket(RATE_PER_SECOND, RATE_BURST);
  /** What the agent said of itself in `hello`; undefined before it has. */
  identity: { name: string; agentVersion: string } | undefined;
  /** Why the gateway ended the connection itself, when the close code cannot say (a missed ping). */
  endedBecause: string | undefined;
  private lastComplaintAt = 0;
  private suppressedComplaints = 0;
  alive = true;

  constructor(
    readonly agentId: string,
    readonly remoteAddress: string,
    readonly socket: WebSocket,
    private readonly events: ConnectionEvents,
  ) {}

  send(message: unknown): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** A file stream's frame; `written` runs once the socket has taken it (or failed to). */
  sendBinary(frame: Buffer, written?: () => void): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    this.socket.send(frame, { binary: true }, written);
    return true;
  }

  get ready(): boolean {
    return this.identity !== undefined;
  }

  async receive(raw: string): Promise<void> {
    if (!this.withinRateLimit()) return;
    const parsed = parseAgentMessage(raw);
    if (!parsed.ok) return this.reject(toGatewayError(parsed.error));
    const message = parsed.message;
    if (message.type === "hello") {
      if (message.agentId !== this.agentId) {
        this.reject({ type: "error", code: "invalid", message: "hello.agentId does not match the authenticated agent", inReplyTo: "hello" });
        this.socket.close(4003, "identity mismatch");
        return;
      }
      await this.events.onHello(this, message);
      this.identity = { name: message.name, agentVersion: message.agentVersion };
      return;
    }
    if (!this.ready) return this.reject({ type: "error", code: "not-ready", message: "send hello first", inReplyTo: message.type });
    await this.events.onMessage(this, message);
  }

  /**
   * A binary frame. One for an open transfer is not rate limited: the transfer's credit already
   * bounds how many there can be. Any other frame counts like a message; one of a transfer that
   * has just ended is dropped quietly, anything else is answered `malformed`.
   */
  receiveFrame(data: Buffer): void {
    const frame = this.ready ? decodeStreamFrame(data) : null;
    if (frame && this.events.onFrame(this, frame)) return;
    if (!this.withinRateLimit()) return;
    if (!this.ready) return this.reject({ type: "error", code: "not-ready", message: "send hello first", inReplyTo: "binary frame" });
    if (!frame) this.reject({ type: "error", code: "malformed", message: "a binary frame must be a file stream frame" });
  }

  /** False, once the agent has been told, for a message over the rate limit. */
  private withinRateLimit(): boolean {
    if (this.limiter.take()) return true;
    this.reject({ type: "error", code: "rate-limited", message: `more than ${RATE_PER_SECOND} messages per second; message dropped` });
    return false;
  }

  /**
   * Every bad message gets its error reply (the rate limit already bounds how many), except that
   * "rate-limited" itself is said once a second; log lines are limited to one a second. A
   * misbehaving agent must not turn the gateway into an amplifier of its own flood.
   */
  private reject(error: GatewayErrorMessage) {
    const now = Date.now();
    const quiet = now - this.lastComplaintAt < 1000;
    if (!quiet || error.code !== "rate-limited") this.send(error);
    if (quiet) {
      this.suppressedComplaints++;
      return;
    }
    const suppressed = this.suppressedComplaints ? ` (${this.suppressedComplaints} more not logged)` : "";
    console.warn(`[gateway] agent ${this.agentId}: ${error.code}: ${error.message}${suppressed}`);
    this.lastComplaintAt = now;
    this.suppressedComplaints = 0;
  }
}
