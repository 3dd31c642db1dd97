/**
 * The four levels every surface filters by (critical, error, warning, information) and how each
 * OS's own severities fall into them: syslog priorities for journald, Windows event levels.
 */
import type { CommandResultOf, EventEntry, EventLevel, EventLogCounts } from "../../../../src/protocol";

export type { EventLevel };
export type EventLogEntry = EventEntry;
export type EventStatsResult = CommandResultOf<"request-event-stats">;
export type EventLogStats = EventLogCounts;

export const EVENT_LEVELS: readonly EventLevel[] = ["critical", "error", "warning", "information"];

/** emerg/alert/crit are critical, err error, warning warning, notice/info information; debug (7) is left out. */
export function levelOfPriority(priority: number): EventLevel | undefined {
  if (priority <= 2) return "critical";
  if (priority === 3) return "error";
  if (priority === 4) return "warning";
  if (priority <= 6) return "information";
  return undefined;
}

/** journalctl's `-p FROM..TO` for exactly one level. */
export const PRIORITY_RANGE: Record<EventLevel, string> = { critical: "0..2", error: "3..3", warning: "4..4", information: "5..6" };

/** Windows' numeric Level: 1 critical, 2 error, 3 warning, 4 information (0 "LogAlways" is shown as information). */
export const WINDOWS_LEVELS: Record<EventLevel, number[]> = { critical: [1], error: [2], warning: [3], information: [0, 4] };

export function levelOfWindowsLevel(level: number): EventLevel | undefined {
  return EVENT_LEVELS.find((name) => WINDOWS_LEVELS[name].includes(level));
}

export function emptyStats(log: string): EventLogStats {
  return { log, critical: 0, error: 0, warning: 0, information: 0 };
}
