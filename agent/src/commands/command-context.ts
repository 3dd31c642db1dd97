/**
 * What every command handler is given besides its command: a way to send messages outside the
 * command's single reply (stream chunks such as `shell-output`, `chat-response`, `action-result`),
 * the file streams' channel (binary frames), the agent's abort signal (aborted when the agent stops,
 * so long-running work ends with it), and the agent's log.
 */
import type { AgentToServerMessage } from "../../../src/protocol";
import type { Logger } from "../log";
import type { StreamChannel } from "../streams/stream-channel";

/** Any agent message except the handshake and command replies, which only the agent core sends. */
export type AgentEmission = Exclude<AgentToServerMessage, { type: "hello" | "command-result" }>;

export interface CommandContext {
  /** Sends a message now; dropped (false) while disconnected, as live output is worthless later. */
  emit(message: AgentEmission): boolean;
  streams: StreamChannel;
  signal: AbortSignal;
  log: Logger;
}
