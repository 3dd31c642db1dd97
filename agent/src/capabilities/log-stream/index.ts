/**
 * Following a log live (`stream-logs-start` / `stream-logs-stop`): the journal through
 * `journalctl -f` on Linux, and a safe tail of a text file on every OS. What the handlers need from
 * each source is one function that starts following and hands over lines as they come.
 */
import type { LogLine, LogStreamSource } from "../../../../src/protocol";
import type { HandlerTable } from "../../commands/dispatcher";
import { CommandError } from "../../command-error";
import { implementationFor, type Implementations } from "../platform-map";
import { tailFile } from "./file-tail";
import { followJournal, journalFollowHost } from "./journald";
import { LogStreams, type LogStreamTimers } from "./streams";

export type LogStreamRequest = { source: LogStreamSource; unit?: string; path?: string };

/**
 * Resolves once following has begun (throws a CommandError when it cannot: no journal, no such
 * file); `finished` settles when the source ends by itself, rejecting with the reason on failure.
 * Aborting `signal` stops it.
 */
export type LogFollower = (request: LogStreamRequest, sink: (lines: LogLine[]) => void, signal: AbortSignal) => Promise<{ finished: Promise<void> }>;

export type LogStreamCapability = Record<LogStreamSource, LogFollower>;

export const NO_JOURNAL_ON_WINDOWS = "journald is a Linux log; on Windows follow a log file (source=file)";

export const logStreamImplementations: Implementations<LogStreamCapability> = {
  linux: { journald: followJournal(journalFollowHost), file: tailFile() },
  win32: {
    journald: async () => {
      throw new CommandError("unsupported", NO_JOURNAL_ON_WINDOWS);
    },
    file: tailFile({ platform: "win32" }),
  },
};

export function logStreamCapabilityFor(platform: NodeJS.Platform): LogStreamCapability {
  return implementationFor(logStreamImplementations, platform, "log stream");
}

export function logStreamHandlers(capability: LogStreamCapability, timers?: Partial<LogStreamTimers>): HandlerTable {
  const streams = new LogStreams(capability, timers);
  return {
    "stream-logs-start": (command, context) => streams.start(command, context),
    "stream-logs-stop": async ({ streamId }) => ({ streamId, stopped: streams.stop(streamId, "stopped") }),
  };
}
