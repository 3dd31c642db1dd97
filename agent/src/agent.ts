/**
 * The agent's side of the protocol on top of a Connection: enrollment,
 * hello / hello-ack, periodic metrics, commands handed to the dispatcher,
 * file streams' frames handed to the stream channel, self-update offers
 * handed to the updater. One instance lives for the whole
 * process, across reconnects; `ended` tells the process why it should end
 * (removed by the server, asked to uninstall, restarting into an update).
 */
import {
  ENROLLMENT_TOKEN_HEADER,
  formatAgentAuthorization,
  parseServerMessage,
  type AgentToServerMessage,
  type EnrolledMessage,
  type HelloAckMessage,
  type ProtocolError,
  type ServerCommand,
} from "../../src/protocol";
import type { GiveUpReason } from "./refusals";
import { commandHandlers, type Capabilities } from "./capabilities/registry";
import { CommandDispatcher } from "./commands/dispatcher";
import { forgetEnrollmentToken, type ServerConfig } from "./config";
import { Connection, type ConnectionOptions } from "./connection";
import { buildHello } from "./hello";
import type { Logger } from "./log";
import { MetricsReporter } from "./metrics-reporter";
import { StreamChannel } from "./streams/stream-channel";
import type { AgentState, StateStore } from "./state";
import { Updater, type UpdaterOptions } from "./update/updater";
import { errorMessage } from "./util";
import { AGENT_VERSION } from "./version";

/** Enrollment plus hello must complete within this time, or the socket is dropped and retried. */
const HANDSHAKE_TIMEOUT_MS = 30_000;

export interface AgentOptions {
  config: ServerConfig;
  /** The file `config` came from; its enrollment token is removed once the identity is saved. */
  configPath: string;
  store: StateStore;
  identity: AgentState | null;
  capabilities: Capabilities;
  log: Logger;
  /** Installed as a service (run --service): `uninstall` removes the service, not just the credentials. */
  service: boolean;
  connection?: ConnectionOptions;
  update: Pick<UpdaterOptions, "binary" | "cannotUpdate" | "confirmWithinMs" | "fetch">;
}

export type AgentEnd =
  /** The server removed this agent (close code 4001) or has refused it for too long. */
  | { reason: "revoked"; detail: GiveUpReason }
  /** The server asked this agent to remove itself, and it has acknowledged. */
  | { reason: "uninstall" }
  /** A new version is in place (or the previous one is back): the service manager must start it. */
  | { reason: "restart"; detail: string };

export class Agent {
  private identity: AgentState | null;
  private readonly connection: Connection;
  private readonly dispatcher: CommandDispatcher;
  private readonly metrics: MetricsReporter;
  private readonly streams: StreamChannel;
  private readonly updater: Updater;
  /** Aborted when the agent stops: long-running command work (a shell, a transfer) ends with it. */
  private readonly stopping = new AbortController();
  private handshakeTimer: NodeJS.Timeout | undefined;
  private endWith!: (end: AgentEnd) => void;
  readonly ended = new Promise<AgentEnd>((resolve) => (this.endWith = resolve));
  /** Whether the current socket was opened with the enrollment token. */
  private enrolling = false;

  constructor(private readonly options: AgentOptions) {
    const { capabilities, log } = options;
    this.identity = options.identity;
    this.streams = new StreamChannel({ sendFrame: (frame, written) => this.connection.sendBinary(frame, written), sendEnd: (message) => this.send(message) }, log);
    this.dispatcher = new CommandDispatcher(
      commandHandlers(capabilities, {
        service: options.service,
        restartAgent: () => this.endWith({ reason: "restart", detail: "asked by the server" }),
        report: (message) => this.send(message),
      }),
      { emit: (message) => this.send(message), streams: this.streams, signal: this.stopping.signal, log },
    );
    this.metrics = new MetricsReporter(() => capabilities.systemInfo.sampleLoad(), (message) => this.send(message), log);
    this.connection = new Connection(
      options.config.gatewayUrl,
      {
        headers: () => this.upgradeHeaders(),
        onOpen: () => this.onOpen(),
        onMessage: (text) => this.onMessage(text),
        onBinary: (data) => this.streams.receiveFrame(data),
        onClose: () => this.onClose(),
        onGaveUp: (detail) => this.endWith({ reason: "revoked", detail }),
      },
      log,
      options.connection,
    );
    this.updater = new Updater({
      ...options.update,
      currentVersion: AGENT_VERSION,
      gatewayUrl: options.config.gatewayUrl,
      authorization: () => (this.identity ? formatAgentAuthorization(this.identity) : ""),
      send: (message) => this.send(message),
      restart: (detail) => this.endWith({ reason: "restart", detail }),
      log,
    });
  }

  async start(): Promise<void> {
    await this.updater.resume();
    this.connection.start();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.onClose();
    this.updater.stop();
    await this.connection.stop();
    this.log.info("stopped");
  }

  private get log(): Logger {
    return this.options.log;
  }

  private upgradeHeaders(): Record<string, string> {
    if (this.identity) return { authorization: formatAgentAuthorization(this.identity) };
    // main() refuses to start with neither an identity nor a token.
    return { [ENROLLMENT_TOKEN_HEADER]: this.options.config.enrollmentToken ?? "" };
  }

  private onOpen(): void {
    this.enrolling = this.identity === null;
    this.handshakeTimer = setTimeout(() => {
      this.log.warn("handshake-timeout", { timeoutMs: HANDSHAKE_TIMEOUT_MS });
      this.connection.drop();
    }, HANDSHAKE_TIMEOUT_MS);
    if (this.identity) void this.sendHello(this.identity.agentId);
    else this.log.info("awaiting-enrollment");
  }

  private onClose(): void {
    clearTimeout(this.handshakeTimer);
    this.metrics.stop();
    this.streams.abortAll("disconnected");
  }

  private onMessage(text: string): void {
    const parsed = parseServerMessage(text);
    if (!parsed.ok) {
      this.onUnparsed(parsed.error);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case "enrolled":
        void this.onEnrolled(message);
        return;
      case "hello-ack":
        this.onHelloAck(message);
        return;
      case "error":
        this.log.warn("gateway-error", { code: message.code, message: message.message, inReplyTo: message.inReplyTo });
        return;
      case "file-stream-end":
        this.streams.receiveEnd(message);
        return;
      case "agent-update-available":
        this.log.info("update-offered", { version: message.version, size: message.size });
        this.updater.onOffer(message);
        return;
      default:
        this.onCommand(message);
    }
  }

  private onUnparsed(error: ProtocolError): void {
    this.log.warn("message-rejected", { code: error.code, type: error.messageType, commandId: error.commandId, error: error.message });
    const reply = this.dispatcher.rejectUnparsed(error);
    if (reply) this.connection.send(reply);
  }

  private async onEnrolled({ agentId, agentSecret }: EnrolledMessage): Promise<void> {
    if (!this.enrolling) {
      this.log.warn("unexpected-enrollment-ignored", { agentId });
      return;
    }
    this.enrolling = false;
    this.identity = { agentId, agentSecret, enrolledAt: new Date().toISOString() };
    try {
      await this.options.store.save(this.identity);
      this.log.info("enrolled", { agentId, statePath: this.options.store.path });
      await removeEnrollmentToken(this.options.configPath, this.log);
    } catch (error) {
      // The socket is authenticated already; only the next start would lack the identity.
      this.log.error("state-save-failed", { agentId, error: errorMessage(error) });
    }
    await this.sendHello(agentId);
  }

  private onHelloAck({ agentId, metricsIntervalMs }: HelloAckMessage): void {
    clearTimeout(this.handshakeTimer);
    this.connection.markEstablished();
    this.log.info("hello-acknowledged", { agentId, metricsIntervalMs });
    this.metrics.start(metricsIntervalMs);
    void this.updater.onConnected();
  }

  private onCommand(command: ServerCommand): void {
    const { type, commandId } = command;
    const { reply, duplicate } = this.dispatcher.dispatch(command);
    this.log.info(duplicate ? "command-duplicate" : "command-received", { type, commandId });
    reply.then(
      (text) => {
        // Undelivered replies stay in the dispatcher's cache for the gateway's re-delivery.
        const delivered = this.connection.send(text);
        this.log.info("command-replied", { type, commandId, bytes: text.length, delivered });
        // Acknowledged first, so the server knows the agent is going before its key is revoked.
        if (type === "uninstall" && delivered) this.endWith({ reason: "uninstall" });
      },
      (error: unknown) => this.log.error("command-reply-failed", { type, commandId, error: errorMessage(error) }),
    );
  }

  /** Never rejects: a hello that cannot be built costs this connection, not the process. */
  private async sendHello(agentId: string): Promise<void> {
    try {
      const hello = await buildHello(agentId, this.dispatcher.features, this.options.capabilities.systemInfo, this.log);
      this.send(hello);
      this.log.info("hello-sent", { agentId, platform: hello.platform });
    } catch (error) {
      this.log.error("hello-failed", { error: errorMessage(error) });
      this.connection.drop();
    }
  }

  private send(message: AgentToServerMessage): boolean {
    return this.connection.send(JSON.stringify(message));
  }
}

/**
 * Once the agent has its own secret the token is no longer needed, and left in `server.json` it
 * would let a copy of the folder enroll another machine. Failing to remove it costs nothing now;
 * the next start tries again.
 */
export async function removeEnrollmentToken(configPath: string, log: Logger): Promise<void> {
  try {
    if (await forgetEnrollmentToken(configPath)) log.info("enrollment-token-removed", { configPath });
  } catch (error) {
    log.warn("enrollment-token-removal-failed", { configPath, error: errorMessage(error) });
  }
}
