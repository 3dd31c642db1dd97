/**
 * The gateway's file relay (src/protocol/file-relay.ts): the HTTP requests of the web process,
 * checked and turned into relayed transfers, and the agents' stream frames and `file-stream-end`
 * messages routed to them. A request must carry a relay token for exactly its transfer and
 * direction, used for the first time, for an agent this gateway holds; agents and browsers cannot
 * make one (it takes AUTH_SECRET), and anything else is refused before a byte is read.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseRelayPath, RELAY_METHODS, type AgentStreamEndMessage, type RelayAnswer, type StreamFrame } from "../../protocol";
import { verifyRelayToken, type RelayTokenKey } from "../../server/auth/relay-tokens";
import type { AgentConnection } from "../agent-connection";
import { DownloadRelay } from "./download-relay";
import { RELAY_STALL_TIMEOUT_MS, RelayTransfers, type RelayTransfer } from "./relay-transfers";
import { UploadRelay } from "./upload-relay";

export type FileRelayOptions = {
  key: RelayTokenKey;
  /** The ready connection of an agent held by this gateway. */
  connectionOf: (agentId: string) => AgentConnection | undefined;
  stallTimeoutMs?: number;
  now?: () => number;
};

function refuse(response: ServerResponse, status: number, error: string): void {
  const body: RelayAnswer = { error };
  // The body (of a refused upload) is not read: close rather than drain it.
  response.writeHead(status, { "content-type": "application/json", connection: "close" }).end(JSON.stringify(body));
}

function bearer(request: IncomingMessage): string {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "");
  return match?.[1] ?? "";
}

export class FileRelay {
  private readonly transfers: RelayTransfers;
  private readonly now: () => number;

  constructor(private readonly options: FileRelayOptions) {
    this.now = options.now ?? Date.now;
    this.transfers = new RelayTransfers(this.now);
  }

  /** Whether a request is the relay's (its path starts like one); `handle` answers it. */
  owns(request: IncomingMessage): boolean {
    return (request.url ?? "").startsWith("/relay/");
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const target = parseRelayPath(new URL(request.url ?? "/", "http://gateway").pathname);
    if (!target) return refuse(response, 404, "Not found");
    if (request.method !== RELAY_METHODS[target.direction]) return refuse(response, 405, `Use ${RELAY_METHODS[target.direction]}`);
    const verified = verifyRelayToken(this.options.key, bearer(request), target, new Date(this.now()));
    if (!verified) return refuse(response, 401, "A valid relay token for this transfer is required");
    const connection = this.options.connectionOf(verified.agentId);
    if (!connection?.ready) return refuse(response, 409, "The agent is not connected to this gateway");
    if (!this.transfers.claim(target.transferId, verified.expiresAt)) return refuse(response, 409, "This transfer was opened before");

    const finished = (transfer: RelayTransfer) => this.transfers.remove(transfer);
    const stallTimeoutMs = this.options.stallTimeoutMs ?? RELAY_STALL_TIMEOUT_MS;
    const transfer =
      target.direction === "download"
        ? new DownloadRelay(target.transferId, connection, response, finished, stallTimeoutMs)
        : new UploadRelay(target.transferId, connection, request, response, finished, stallTimeoutMs);
    this.transfers.add(transfer);
    transfer.start();
  }

  /** False for a frame of no open transfer of this connection. */
  routeFrame(connection: AgentConnection, frame: StreamFrame): boolean {
    return this.transfers.routeFrame(connection, frame);
  }

  routeEnd(connection: AgentConnection, message: AgentStreamEndMessage): void {
    this.transfers.routeEnd(connection, message);
  }

  connectionClosed(connection: AgentConnection): void {
    this.transfers.failConnection(connection, "the agent disconnected");
  }

  close(): void {
    this.transfers.failAll("the gateway is stopping");
  }
}
