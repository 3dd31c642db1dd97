/** OS event log capability (journald, Windows event logs): what the command handlers need, and the implementation for this OS. */
import type { EventLevel, EventLogEntry, EventStatsResult } from "./levels";
import { linuxEventLogs } from "./linux";
import { windowsEventLogs } from "./windows";

export interface EventLogCapability {
  /** Entries per level in each log since `since`. Throws CommandError `unsupported` where there is no log to read. */
  stats(since: Date): Promise<EventStatsResult>;
  /** The newest `limit` entries at exactly `level`, newest first. */
  entries(level: EventLevel, limit: number): Promise<EventLogEntry[]>;
}

export function eventLogCapabilityFor(platform: NodeJS.Platform): EventLogCapability {
  if (platform === "linux") return linuxEventLogs;
  if (platform === "win32") return windowsEventLogs;
  throw new Error(`event log capability is not implemented on ${platform}`);
}
