/**
 * The gateway's log of its agents: one line when an agent has said hello (who, from where, which
 * version) and one when its socket closes (why, after how long), so an operator watching the
 * console can tell an agent that never came from one that keeps dropping. The name is the agent's
 * own report, so it is quoted: it cannot forge a line.
 */

export type ConnectedAgent = { agentId: string; remoteAddress: string; name?: string; agentVersion?: string };

const CLOSE_CODES: Record<number, string> = {
  1000: "closed normally",
  1001: "going away",
  1005: "closed without a code",
  1006: "connection lost",
  1009: "message too big",
  1012: "gateway restarting",
};

export function connectedLine(agent: Required<ConnectedAgent>): string {
  return `[gateway] agent ${agent.agentId} ${JSON.stringify(agent.name)} connected from ${agent.remoteAddress}, agent version ${agent.agentVersion}`;
}

/** `why`: the gateway's own reason when it ended the connection without a close frame (a missed ping). */
export function disconnectedLine(agent: ConnectedAgent, close: { code: number; reason: string; why?: string }, durationMs: number): string {
  const who = agent.name === undefined ? `agent ${agent.agentId} (before hello)` : `agent ${agent.agentId} ${JSON.stringify(agent.name)}`;
  const reason = close.why ?? (close.reason || CLOSE_CODES[close.code] || "closed");
  return `[gateway] ${who} from ${agent.remoteAddress} disconnected after ${formatDuration(durationMs)}: ${reason} (code ${close.code})`;
}

/** "850 ms", "12.5 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.floor(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
