/** OS event log capability (journald or the kernel ring buffer, Windows event logs): what the command handlers need, and the implementation for this OS. */
import type { EventLevel, EventLogEntry, EventStatsResult } from "./levels";
import { linuxEventLogs } from "./linux";
import { windowsEventLogs } from "./windows";
import { implementationFor, type Implementations } from "../platform-map";
import type { HandlerTable } from "../../commands/dispatcher";

export interface EventLogCapability {
  /** Entries per level in each log since `since`. Throws CommandError `unsupported` where there is no log to read. */
  stats(since: Date): Promise<EventStatsResult>;
  /** The newest `limit` entries at exactly `level`, newest first. */
  entries(level: EventLevel, limit: number): Promise<EventLogEntry[]>;
}

export const eventLogImplementations: Implementations<EventLogCapability> = { linux: linuxEventLogs, win32: windowsEventLogs };

export function eventLogCapabilityFor(platform: NodeJS.Platform): EventLogCapability {
  return implementationFor(eventLogImplementations, platform, "event log");
}

export function eventLogHandlers(eventLogs: EventLogCapability): HandlerTable {
  return {
    "request-event-stats": async ({ sinceHours = 24 }) => eventLogs.stats(new Date(Date.now() - sinceHours * 3_600_000)),
    "request-event-entries": async ({ level, limit = 200 }) => ({ entries: await eventLogs.entries(level, limit) }),
  };
}
