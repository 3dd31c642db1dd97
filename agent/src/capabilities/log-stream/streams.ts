/**
 * The log streams running on this agent, by the server's stream id. Lines are sent in batches
 * (every `batchMs`, at most MAX_LOG_LINES_PER_MESSAGE a message); a stream ends on `stream-logs-stop`,
 * when the agent stops, when its lease runs out without a renewing start, when it cannot send
 * (disconnected: live lines are worthless later, and the server's next renewal starts it again), or
 * when its source fails. Its last message says which.
 */
import { LOG_STREAM_LEASE_MS, MAX_LOG_LINES_PER_MESSAGE, type CommandOf, type CommandResultOf, type LogLine, type LogLinesMessage } from "../../../../src/protocol";
import type { CommandContext } from "../../commands/command-context";
import { errorMessage } from "../../util";
import type { LogStreamCapability } from "./index";

export type LogStreamTimers = { batchMs: number; leaseMs: number };
type EndReason = NonNullable<LogLinesMessage["ended"]>["reason"];

type RunningStream = { abort: AbortController; lease: NodeJS.Timeout; end: (reason: EndReason, message?: string) => void };

export class LogStreams {
  private readonly running = new Map<string, RunningStream>();
  private readonly timers: LogStreamTimers;

  constructor(
    private readonly capability: LogStreamCapability,
    timers: Partial<LogStreamTimers> = {},
  ) {
    this.timers = { batchMs: 100, leaseMs: LOG_STREAM_LEASE_MS, ...timers };
  }

  get size(): number {
    return this.running.size;
  }

  async start(command: CommandOf<"stream-logs-start">, context: CommandContext): Promise<CommandResultOf<"stream-logs-start">> {
    const { streamId } = command;
    const existing = this.running.get(streamId);
    if (existing) {
      existing.lease.refresh();
      return { streamId, state: "renewed" };
    }
    const abort = new AbortController();
    const onAgentStop = () => stream.end("stopped");
    let pending: LogLine[] = [];
    let flushTimer: NodeJS.Timeout | undefined;
    let ended = false;
    const send = (message: Omit<LogLinesMessage, "type" | "streamId">) => context.emit({ type: "log-lines", streamId, ...message });
    const flush = () => {
      flushTimer = undefined;
      while (pending.length > 0 && !ended) {
        const lines = pending.slice(0, MAX_LOG_LINES_PER_MESSAGE);
        pending = pending.slice(lines.length);
        if (!send({ lines })) stream.end("stopped", "disconnected");
      }
    };
    const stream: RunningStream = {
      abort,
      lease: setTimeout(() => stream.end("lease-expired"), this.timers.leaseMs),
      end: (reason, message) => {
        if (ended) return;
        flush();
        ended = true;
        clearTimeout(stream.lease);
        clearTimeout(flushTimer);
        context.signal.removeEventListener("abort", onAgentStop);
        abort.abort();
        if (this.running.get(streamId) === stream) this.running.delete(streamId);
        if (message !== "disconnected") send({ lines: [], ended: { reason, ...(message ? { message: message.slice(0, 1024) } : {}) } });
        context.log.info("log-stream-ended", { streamId, reason });
      },
    };
    stream.lease.unref();
    this.running.set(streamId, stream);
    context.signal.addEventListener("abort", onAgentStop);
    const sink = (lines: LogLine[]) => {
      if (ended || lines.length === 0) return;
      pending.push(...lines);
      flushTimer ??= setTimeout(flush, this.timers.batchMs);
    };
    try {
      const { finished } = await this.capability[command.source](command, sink, abort.signal);
      finished.then(
        () => stream.end(abort.signal.aborted ? "stopped" : "failed", abort.signal.aborted ? undefined : "the log source ended"),
        (error: unknown) => stream.end(abort.signal.aborted ? "stopped" : "failed", errorMessage(error)),
      );
    } catch (error) {
      // Nothing started: forget the stream quietly; the command's error says why.
      ended = true;
      clearTimeout(stream.lease);
      context.signal.removeEventListener("abort", onAgentStop);
      this.running.delete(streamId);
      throw error;
    }
    if (context.signal.aborted) stream.end("stopped");
    return { streamId, state: "started" };
  }

  /** False when no such stream runs (already stopped, or never started here). */
  stop(streamId: string, reason: EndReason): boolean {
    const stream = this.running.get(streamId);
    stream?.end(reason);
    return stream !== undefined;
  }
}
