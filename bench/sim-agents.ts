/**
 * Simulated agents: real `ws` clients speaking just enough of the protocol (bearer upgrade,
 * `hello`, answers to commands). Lighter than src/test/fake-agent.ts on purpose: it keeps no
 * message log, so ten thousand of them cost the bench process little, and it can bind each
 * socket to a chosen source address.
 */
import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import { formatAgentAuthorization, type HelloMessage } from "../src/protocol";
import { onCleanup } from "./cleanup";
import type { AgentCredentials } from "./postgres";

/** Returns the command's `result`; the agent answers `ok: true` with it. */
export type CommandHandler = (command: { type: string; commandId: string }) => unknown;

const CONNECT_TIMEOUT_MS = 30_000;

const HELLO: Omit<HelloMessage, "agentId" | "name"> = {
  type: "hello",
  os: "Debian GNU/Linux 12 (bookworm) (kernel 6.1.0)",
  platform: "linux",
  loggedInUser: null,
  specs: { cpu: { model: "Bench CPU", cores: 4 }, memoryBytes: 8 * 1024 ** 3, disks: [{ mount: "/", totalBytes: 100 * 1024 ** 3, freeBytes: 50 * 1024 ** 3, fsType: "ext4" }] },
  features: ["list-processes"],
  agentVersion: "0.0.0-bench",
  protocolVersion: 1,
};

export class SimAgents {
  private readonly sockets = new Set<WebSocket>();
  /** `error` messages received from the gateway: should stay 0. */
  gatewayErrors = 0;
  readonly close = onCleanup(() => {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
  });

  constructor(
    private readonly url: string,
    /** Source addresses, used round-robin: one address has only ~28k ephemeral ports. */
    private readonly localAddresses: string[],
    private readonly onCommand: CommandHandler = () => undefined,
  ) {}

  get size(): number {
    return this.sockets.size;
  }

  /**
   * Connects every agent, at most `concurrency` handshakes in flight (an unbounded burst would
   * only measure the listen backlog). Resolves with each agent's ms from connect to `hello-ack`.
   */
  async connect(credentials: AgentCredentials[], concurrency: number): Promise<number[]> {
    const times: number[] = new Array<number>(credentials.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < credentials.length) {
        const i = next++;
        try {
          times[i] = await this.connectOne(credentials[i]!, this.localAddresses[i % this.localAddresses.length]!);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, credentials.length) }, worker));
    return times;
  }

  private connectOne(credentials: AgentCredentials, localAddress: string): Promise<number> {
    const started = performance.now();
    const socket = new WebSocket(this.url, { headers: { authorization: formatAgentAuthorization(credentials) }, localAddress, perMessageDeflate: false });
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    return new Promise<number>((resolve, reject) => {
      const fail = (reason: string) => {
        clearTimeout(timer);
        socket.terminate();
        reject(new Error(`agent ${credentials.agentId} via ${localAddress}: ${reason}`));
      };
      const timer = setTimeout(() => fail(`no hello-ack within ${CONNECT_TIMEOUT_MS / 1000} s`), CONNECT_TIMEOUT_MS);
      socket.once("unexpected-response", (_req, res) => fail(`upgrade refused: ${res.statusCode}`));
      socket.on("error", (error) => fail(error.message)); // kept for the socket's whole life: an unheard error would crash the bench
      socket.once("open", () => socket.send(JSON.stringify({ ...HELLO, agentId: credentials.agentId, name: credentials.agentId })));
      socket.on("message", (data) => {
        const message = JSON.parse(data.toString()) as { type: string; commandId?: unknown };
        if (message.type === "hello-ack") {
          clearTimeout(timer);
          resolve(performance.now() - started);
        } else if (message.type === "error") {
          this.gatewayErrors++;
        } else if (typeof message.commandId === "string") {
          this.answer(socket, { type: message.type, commandId: message.commandId });
        }
      });
    });
  }

  private answer(socket: WebSocket, command: { type: string; commandId: string }) {
    const result = this.onCommand(command);
    const reply =
      result === undefined
        ? { type: "command-result", commandId: command.commandId, ok: false, error: { code: "unsupported", message: `the bench agent does not implement '${command.type}'` } }
        : { type: "command-result", commandId: command.commandId, ok: true, result };
    socket.send(JSON.stringify(reply));
  }
}
