/**
 * The agent's WebSocket to the gateway: connects with the credentials of
 * the moment, reconnects with backoff after any loss, detects a dead peer
 * with pings, and hands text messages and binary frames (file streams) to
 * its owner. Knows nothing of the protocol's messages.
 */
import WebSocket from "ws";
import { backoffDelay } from "./backoff";
import type { Logger } from "./log";
import { DEFAULT_GIVE_UP_AFTER_MS, REMOVED_CLOSE_CODE, RefusalTracker, type GiveUpReason } from "./refusals";
import { errorMessage } from "./util";

export interface ConnectionHandlers {
  /** Upgrade headers, asked again before every attempt (credentials change at enrollment). */
  headers(): Record<string, string>;
  onOpen(): void;
  onMessage(text: string): void;
  /** A binary frame: file stream data or credit (src/protocol/stream-frames.ts). */
  onBinary(data: Buffer): void;
  /** Called once for every connection that had opened. */
  onClose(): void;
  /** The gateway will not take this agent back; the connection has stopped for good. */
  onGaveUp(reason: GiveUpReason): void;
}

export interface ConnectionOptions {
  heartbeatMs?: number;
  /** How long upgrades may be refused (401/403) before the agent stops trying. */
  giveUpAfterRefusedMs?: number;
}

/** The gateway's limit; the agent accepts the same. */
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
const CLOSE_GRACE_MS = 2_000;
/**
 * After the gateway refused our credentials (401/403) retrying every few seconds only adds load:
 * wait up to ten minutes instead, in case the refusal was a mistake that gets corrected, until
 * refusals.ts says to give up. Close code 4001 (removed by an operator) gives up at once.
 */
const REFUSED_CAP_MS = 10 * 60_000;

/**
 * RFC 6455 masks every frame a client sends so that a proxy which misreads WebSocket cannot be
 * fed attacker-chosen bytes (file contents, for instance) that look like requests. Inside TLS no
 * intermediary sees those bytes, so masking protects nothing there and only costs: the agent's
 * single executable masks in JavaScript (it cannot load ws's native helper), about a CPU-second
 * per gigabyte sent. An all-zero key is a valid mask that ws neither applies nor removes.
 */
export function maskingFor(url: string): { generateMask?: (mask: Buffer) => void } {
  return new URL(url).protocol === "wss:" ? { generateMask: (mask) => mask.fill(0) } : {};
}

export class Connection {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly heartbeatMs: number;
  private readonly refusals: RefusalTracker;

  constructor(
    private readonly url: string,
    private readonly handlers: ConnectionHandlers,
    private readonly log: Logger,
    { heartbeatMs = 30_000, giveUpAfterRefusedMs = DEFAULT_GIVE_UP_AFTER_MS }: ConnectionOptions = {},
  ) {
    this.heartbeatMs = heartbeatMs;
    this.refusals = new RefusalTracker(giveUpAfterRefusedMs);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** The gateway accepted the agent: the next outage starts again from a short delay. */
  markEstablished(): void {
    this.attempt = 0;
    this.refusals.accepted();
  }

  /** False when there is no open socket; the message is dropped. */
  send(text: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(text);
    return true;
  }

  /** False when there is no open socket. `written` runs once the socket has taken the frame, or failed to. */
  sendBinary(data: Buffer, written: () => void): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(data, { binary: true }, written);
    return true;
  }

  /** Abandons the current socket (a stalled handshake, say); a reconnect follows. */
  drop(): void {
    this.socket?.terminate();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.close(1000, "agent stopping");
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
    });
  }

  private connect(): void {
    const socket = new WebSocket(this.url, {
      headers: this.handlers.headers(),
      handshakeTimeout: 15_000,
      maxPayload: MAX_PAYLOAD_BYTES,
      perMessageDeflate: false,
      ...maskingFor(this.url),
    });
    this.socket = socket;
    let opened = false;
    socket.on("open", () => {
      opened = true;
      this.log.info("connected", { url: this.url });
      this.startHeartbeat(socket);
      this.handlers.onOpen();
    });
    socket.on("message", (data, isBinary) => {
      try {
        if (isBinary) this.handlers.onBinary(data as Buffer);
        else this.handlers.onMessage((data as Buffer).toString("utf8"));
      } catch (error) {
        // One message the agent cannot handle must not take the whole agent down.
        this.log.error("message-handler-failed", { error: errorMessage(error) });
      }
    });
    let refused = false;
    socket.on("error", (error) => {
      if (/Unexpected server response: 40[13]\b/.test(error.message)) refused = true;
      this.log.warn("connection-error", { error: error.message });
    });
    socket.on("close", (code, reason) => {
      clearInterval(this.heartbeatTimer);
      this.socket = undefined;
      if (opened) {
        this.log.info("disconnected", { code, reason: reason.toString("utf8") });
        this.handlers.onClose();
      }
      if (this.stopped) return;
      if (code === REMOVED_CLOSE_CODE) return this.giveUp("removed");
      if (refused && this.refusals.refused()) return this.giveUp("refused");
      this.scheduleReconnect();
    });
  }

  /** A peer that misses a whole interval without answering our ping is gone; TCP alone may not notice for minutes. */
  private startHeartbeat(socket: WebSocket): void {
    let alive = true;
    socket.on("pong", () => (alive = true));
    this.heartbeatTimer = setInterval(() => {
      if (!alive) {
        this.log.warn("heartbeat-timeout");
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, this.heartbeatMs);
  }

  private giveUp(reason: GiveUpReason): void {
    this.stopped = true;
    this.handlers.onGaveUp(reason);
  }

  private scheduleReconnect(): void {
    const delayMs = backoffDelay(this.attempt, this.refusals.refusing ? { capMs: REFUSED_CAP_MS } : {});
    this.attempt += 1;
    this.log.info("reconnect-scheduled", { delayMs, attempt: this.attempt });
    this.reconnectTimer = setTimeout(() => this.connect(), delayMs);
  }
}
