/**
 * A scripted agent for gateway and bus tests: a real WebSocket client speaking the protocol, whose
 * command handlers (and binary frame handler, for file streams) the test supplies.
 */
import WebSocket from "ws";
import { ENROLLMENT_TOKEN_HEADER, formatAgentAuthorization } from "../protocol";

type Handler = (command: Record<string, unknown> & { type: string; commandId: string }) => unknown;

export type FakeAgentOptions = {
  url: string;
  token?: string;
  credentials?: { agentId: string; agentSecret: string };
  headers?: Record<string, string>;
  name?: string;
  agentVersion?: string;
  /** The command types announced in hello. */
  features?: string[];
};

/** When every fake agent's host booted, as its `hello` says. */
export const FAKE_BOOT_TIME = "2025-01-06T07:30:00.000Z";

export class FakeAgent {
  readonly received: Record<string, unknown>[] = [];
  readonly handlers = new Map<string, Handler>();
  /** Binary frames from the gateway; ignored unless a test sets this. */
  onBinary: (data: Buffer) => void = () => {};
  agentId = "";
  agentSecret = "";
  socket!: WebSocket;

  static async connect(options: FakeAgentOptions): Promise<FakeAgent> {
    const agent = new FakeAgent();
    await agent.open(options);
    return agent;
  }

  private open(options: FakeAgentOptions): Promise<void> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers[ENROLLMENT_TOKEN_HEADER] = options.token;
    if (options.credentials) {
      headers.authorization = formatAgentAuthorization(options.credentials);
      this.agentId = options.credentials.agentId;
      this.agentSecret = options.credentials.agentSecret;
    }
    this.socket = new WebSocket(options.url, { headers });
    return new Promise((resolve, reject) => {
      this.socket.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      this.socket.once("error", reject);
      this.socket.on("message", (data, isBinary) => {
        if (isBinary) return this.onBinary(data as Buffer);
        const message = JSON.parse(data.toString()) as Record<string, unknown> & { type: string; commandId: string };
        this.received.push(message);
        if (message.type === "enrolled") {
          this.agentId = String(message.agentId);
          this.agentSecret = String(message.agentSecret);
          this.sendHello(options.name, options.agentVersion, options.features);
        } else if (message.type === "hello-ack") {
          resolve();
        } else if ("commandId" in message && typeof message.commandId === "string") {
          void this.answer(message);
        }
      });
      this.socket.once("open", () => {
        if (options.credentials) this.sendHello(options.name, options.agentVersion, options.features);
      });
    });
  }

  sendHello(name = "fake-host", agentVersion = "0.0.0-test", features = ["list-processes", "kill-process", "list-services", "manage-service"]) {
    this.send({
      type: "hello",
      agentId: this.agentId,
      name,
      os: "Test OS 1.0",
      platform: "linux",
      loggedInUser: "tester",
      specs: { cpu: { model: "Test CPU", cores: 4 }, memoryBytes: 8 * 1024 ** 3, disks: [{ mount: "/", totalBytes: 100, freeBytes: 50 }] },
      features,
      agentVersion,
      bootTime: FAKE_BOOT_TIME,
    });
  }

  private async answer(command: Record<string, unknown> & { type: string; commandId: string }) {
    const handler = this.handlers.get(command.type);
    if (!handler) return this.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: "unsupported", message: "not in this test" } });
    const result = await handler(command);
    if (result !== undefined) this.send({ type: "command-result", commandId: command.commandId, ok: true, result });
  }

  send(message: unknown) {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  sendBinary(data: Buffer) {
    this.socket.send(data, { binary: true });
  }

  /** Resolves with the next message of a type received from now on. */
  next(type: string, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    const start = this.received.length;
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const poll = setInterval(() => {
        const found = this.received.slice(start).find((message) => message.type === type);
        if (found || Date.now() > deadline) {
          clearInterval(poll);
          if (found) resolve(found);
          else reject(new Error(`no '${type}' message within ${timeoutMs} ms`));
        }
      }, 10);
    });
  }

  closed(): Promise<{ code: number }> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve({ code: 1006 });
    return new Promise((resolve) => this.socket.once("close", (code) => resolve({ code })));
  }

  close() {
    this.socket.close();
    return this.closed();
  }
}

/** The processes of a process list result, for handlers. */
export function processListResult(processes: { pid: number; name: string }[] = [{ pid: 1, name: "init" }]) {
  return {
    processes: processes.map((process) => ({ ...process, cpuPercent: 0.5, memoryBytes: 1024 })),
    cpuPercent: 12.5,
    memoryPercent: 40,
    diskPercent: 55,
    network: { rxBytesPerSec: 100, txBytesPerSec: 50 },
    collectedAt: new Date().toISOString(),
  };
}
