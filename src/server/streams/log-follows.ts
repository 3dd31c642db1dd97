/**
 * The log streams this web process has asked agents to run, shared by their viewers: the first
 * viewer of an agent's log (same source and unit or path) starts it on the agent, later ones join
 * it, and once the last one has left (after a grace period, so an EventSource reconnecting with its
 * Last-Event-ID finds the same stream) it is stopped. While it has viewers the start is sent again
 * every `renewMs`: that renews the agent's lease (an agent stops a stream nobody renews, so a web
 * process that died leaves nothing running) and restarts a stream the agent dropped while it was
 * disconnected.
 */
import { randomUUID } from "node:crypto";
import type { CommandPayload, CommandResultOf, LogStreamSource } from "../../protocol";
import { LOG_STREAM_LEASE_MS } from "../../protocol";
import { streamTopic } from "./topics";

export type LogFollowRequest = { agentId: string; source: LogStreamSource; unit?: string; path?: string };
type LogCommand = "stream-logs-start" | "stream-logs-stop";
export type LogCommandSender = <T extends LogCommand>(agentId: string, type: T, payload: CommandPayload<T>) => Promise<CommandResultOf<T>>;
export type LogFollowTimers = { renewMs: number; graceMs: number };

type Follow = { streamId: string; viewers: number; started: Promise<void>; renew?: NodeJS.Timeout; stop?: NodeJS.Timeout };

export const DEFAULT_LOG_FOLLOW_TIMERS: LogFollowTimers = { renewMs: LOG_STREAM_LEASE_MS / 3, graceMs: 5_000 };

export class LogFollows {
  private readonly follows = new Map<string, Follow>();

  constructor(
    private readonly send: LogCommandSender,
    private readonly timers: LogFollowTimers = DEFAULT_LOG_FOLLOW_TIMERS,
  ) {}

  /**
   * Joins (or starts) the stream and resolves with its topic once the agent runs it; rejects with
   * the agent's answer when it cannot (no journal, no such file, offline). Call `leave` once.
   */
  async join(request: LogFollowRequest): Promise<{ topic: string; streamId: string; leave: () => void }> {
    const key = [request.agentId, request.source, request.unit ?? "", request.path ?? ""].join("\0");
    let follow = this.follows.get(key);
    if (follow) {
      clearTimeout(follow.stop);
      follow.stop = undefined;
    } else {
      const streamId = randomUUID();
      const start = () => this.send(request.agentId, "stream-logs-start", { streamId, source: request.source, ...(request.unit ? { unit: request.unit } : {}), ...(request.path ? { path: request.path } : {}) });
      const created: Follow = { streamId, viewers: 0, started: start().then(() => undefined) };
      this.follows.set(key, (follow = created));
      created.started.then(
        () => {
          if (this.follows.get(key) !== created) return;
          created.renew = setInterval(() => start().catch((error: unknown) => console.warn(`[streams] renewing log stream ${streamId} failed:`, error instanceof Error ? error.message : error)), this.timers.renewMs);
          created.renew.unref();
        },
        () => {
          if (this.follows.get(key) === created) this.follows.delete(key);
        },
      );
    }
    const joined = follow;
    joined.viewers += 1;
    try {
      await joined.started;
    } catch (error) {
      joined.viewers -= 1;
      throw error;
    }
    let left = false;
    return {
      topic: streamTopic("logs", request.agentId, joined.streamId),
      streamId: joined.streamId,
      leave: () => {
        if (left) return;
        left = true;
        joined.viewers -= 1;
        if (joined.viewers === 0) {
          joined.stop = setTimeout(() => this.end(key, joined), this.timers.graceMs);
          joined.stop.unref();
        }
      },
    };
  }

  get running(): number {
    return this.follows.size;
  }

  private end(key: string, follow: Follow): void {
    if (this.follows.get(key) !== follow || follow.viewers > 0) return;
    this.follows.delete(key);
    clearInterval(follow.renew);
    clearTimeout(follow.stop);
    this.send(key.slice(0, key.indexOf("\0")), "stream-logs-stop", { streamId: follow.streamId }).catch((error: unknown) => {
      // An agent gone offline stops the stream itself once its lease runs out.
      console.warn(`[streams] stopping log stream ${follow.streamId} failed:`, error instanceof Error ? error.message : error);
    });
  }
}
