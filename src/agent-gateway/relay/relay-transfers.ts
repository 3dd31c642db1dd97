/**
 * The file relay's open transfers in this gateway. Each one is bound to the agent connection it was
 * opened for: it receives that connection's frames and `file-stream-end` for its id (another
 * agent's frames never reach it), and fails when that connection closes. A transfer id is accepted
 * once, and remembered until its token has expired, so a token cannot open a second transfer.
 */
import type { AgentStreamEndMessage, GatewayStreamEndMessage, StreamFrame } from "../../protocol";
import type { AgentConnection } from "../agent-connection";

/** How long the relay waits on an agent that owes it bytes or an answer before it gives up. */
export const RELAY_STALL_TIMEOUT_MS = 60_000;

export interface RelayTransfer {
  readonly transferId: string;
  readonly connection: AgentConnection;
  onFrame(frame: StreamFrame): void;
  onAgentEnd(message: AgentStreamEndMessage): void;
  /** The agent's connection is gone, or the gateway stops: end the HTTP side with `reason`. */
  fail(reason: string): void;
}

/** The message that tells the agent the relay's half failed (its HTTP client went away, say). */
export function relayFailed(transferId: string, message: string): GatewayStreamEndMessage {
  return { type: "file-stream-end", transferId, ok: false, error: { code: "failed", message } };
}

export class RelayTransfers {
  private readonly open = new Map<string, RelayTransfer>();
  private readonly spent = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** False when the id was accepted before: a token opens one transfer, once. */
  claim(transferId: string, tokenExpiresAt: Date): boolean {
    const now = this.now();
    for (const [id, expiresAt] of this.spent) if (expiresAt <= now) this.spent.delete(id);
    if (this.spent.has(transferId)) return false;
    this.spent.set(transferId, tokenExpiresAt.getTime());
    return true;
  }

  add(transfer: RelayTransfer): void {
    this.open.set(transfer.transferId, transfer);
  }

  remove(transfer: RelayTransfer): void {
    if (this.open.get(transfer.transferId) === transfer) this.open.delete(transfer.transferId);
  }

  /** False when no open transfer of this connection has the frame's id (a late frame, or a stray one). */
  routeFrame(connection: AgentConnection, frame: StreamFrame): boolean {
    const transfer = this.open.get(frame.transferId);
    if (transfer?.connection !== connection) return false;
    transfer.onFrame(frame);
    return true;
  }

  routeEnd(connection: AgentConnection, message: AgentStreamEndMessage): void {
    const transfer = this.open.get(message.transferId);
    if (transfer?.connection === connection) transfer.onAgentEnd(message);
  }

  failConnection(connection: AgentConnection, reason: string): void {
    for (const transfer of [...this.open.values()]) if (transfer.connection === connection) transfer.fail(reason);
  }

  failAll(reason: string): void {
    for (const transfer of [...this.open.values()]) transfer.fail(reason);
  }

  get size(): number {
    return this.open.size;
  }
}
