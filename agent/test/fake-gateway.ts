/**
 * A stand-in for the agent gateway in the agent's integration tests: it
 * enrolls with a known token, then only accepts the credentials it issued
 * (until revoked), answers hello with hello-ack, serves a release for
 * self-update to those credentials, records every upgrade, download and
 * message, and checks each message against the protocol.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import { WebSocket, WebSocketServer } from "ws";
import {
  ENROLLMENT_TOKEN_HEADER,
  parseAgentAuthorization,
  parseAgentMessage,
  type AgentToServerMessage,
  type CommandResultMessage,
  type ProtocolError,
  type ServerToAgentMessage,
} from "../../src/protocol";

export interface FakeGatewayOptions {
  enrollmentToken: string;
  metricsIntervalMs: number;
}

export interface Upgrade {
  headers: IncomingHttpHeaders;
  accepted: boolean;
}

export interface Release {
  version: string;
  body: Buffer;
}

type Waiter = { predicate: (message: AgentToServerMessage) => boolean; since: number; resolve: (message: AgentToServerMessage) => void };

export class FakeGateway {
  readonly upgrades: Upgrade[] = [];
  readonly received: AgentToServerMessage[] = [];
  readonly protocolErrors: ProtocolError[] = [];
  readonly downloads: { url: string; status: number }[] = [];
  /** What GET <path>/update?version= serves to the agent's own credentials. */
  release: Release | undefined;
  private revoked = false;
  readonly credentials = { agentId: `agent-${randomUUID()}`, agentSecret: randomBytes(24).toString("base64url") };
  private socket: WebSocket | undefined;
  private waiters: Waiter[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(
    private readonly server: Server,
    private readonly options: FakeGatewayOptions,
  ) {
    server.on("request", (request, response) => {
      const url = new URL(request.url ?? "/", "http://fake");
      const status = !this.authenticated(request.headers.authorization) ? 401 : this.release && url.pathname === "/update" && url.searchParams.get("version") === this.release.version ? 200 : 404;
      this.downloads.push({ url: request.url ?? "", status });
      response.writeHead(status, status === 200 ? { "content-length": this.release!.body.length } : {});
      response.end(status === 200 ? this.release!.body : undefined);
    });
    server.on("upgrade", (request, socket, head) => {
      const enrolling = request.headers[ENROLLMENT_TOKEN_HEADER] === options.enrollmentToken;
      const authenticated = this.authenticated(request.headers.authorization);
      this.upgrades.push({ headers: request.headers, accepted: enrolling || authenticated });
      if (!enrolling && !authenticated) {
        socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, enrolling));
    });
  }

  static async start(options: FakeGatewayOptions): Promise<FakeGateway> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new FakeGateway(server, options);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  send(message: ServerToAgentMessage | Record<string, unknown>): void {
    if (!this.socket) throw new Error("no agent connected");
    this.socket.send(JSON.stringify(message));
  }

  /** The first message (from index `since` on) that matches, waiting for it if needed. */
  waitFor<T extends AgentToServerMessage>(predicate: (message: AgentToServerMessage) => message is T, since = 0, timeoutMs = 20_000): Promise<T> {
    const found = this.received.slice(since).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, since, resolve: (message) => resolve(message as T) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        reject(new Error(`no matching agent message within ${timeoutMs} ms`));
      }, timeoutMs).unref();
    });
  }

  /** Sends a command and resolves with the agent's command-result for it. */
  async request(command: ServerToAgentMessage & { commandId: string }): Promise<CommandResultMessage> {
    const since = this.received.length;
    this.send(command);
    return this.waitFor(
      (message): message is CommandResultMessage => message.type === "command-result" && message.commandId === command.commandId,
      since,
    );
  }

  /** Cuts the agent off the way a network failure would. */
  dropAgent(): void {
    this.socket?.terminate();
  }

  /** Closes the agent's socket with a code, as the real gateway does with 4001 for a removed agent. */
  closeAgent(code: number, reason: string): void {
    this.socket?.close(code, reason);
  }

  /** From now on the issued credentials are refused with 401, as for a removed agent. */
  revoke(): void {
    this.revoked = true;
  }

  private authenticated(authorization: string | undefined): boolean {
    const credentials = parseAgentAuthorization(authorization);
    return !this.revoked && credentials?.agentId === this.credentials.agentId && credentials.agentSecret === this.credentials.agentSecret;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(ws: WebSocket, enrolling: boolean): void {
    this.socket = ws;
    if (enrolling) ws.send(JSON.stringify({ type: "enrolled", ...this.credentials }));
    ws.on("message", (data) => this.receive((data as Buffer).toString("utf8"), ws));
  }

  private receive(text: string, ws: WebSocket): void {
    const parsed = parseAgentMessage(text);
    if (!parsed.ok) {
      this.protocolErrors.push(parsed.error);
      return;
    }
    const message = parsed.message;
    if (message.type === "hello") {
      ws.send(
        JSON.stringify({ type: "hello-ack", agentId: message.agentId, metricsIntervalMs: this.options.metricsIntervalMs, serverTime: new Date().toISOString() }),
      );
    }
    this.received.push(message);
    const index = this.received.length - 1;
    for (const waiter of [...this.waiters]) {
      if (index >= waiter.since && waiter.predicate(message)) {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        waiter.resolve(message);
      }
    }
  }
}

export const isHello = (message: AgentToServerMessage): message is Extract<AgentToServerMessage, { type: "hello" }> =>
  message.type === "hello";

export const isMetrics = (
  message: AgentToServerMessage,
): message is Extract<AgentToServerMessage, { type: "monitoring-metrics" }> => message.type === "monitoring-metrics";

export const isUpdateStatus = (message: AgentToServerMessage): message is Extract<AgentToServerMessage, { type: "agent-update-status" }> =>
  message.type === "agent-update-status";
