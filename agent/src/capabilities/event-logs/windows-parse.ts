/** The JSON the Windows event log scripts print, and how it becomes the protocol's entries and counts. */
import { z } from "zod";
import { psArray, psOptionalString } from "../../platform/ps-json";
import { emptyStats, levelOfWindowsLevel, type EventLogEntry, type EventLogStats } from "./levels";

const winEvent = z.object({
  RecordId: z.number().int(),
  LogName: z.string().min(1),
  // Formatted by the script as ISO 8601 UTC: ConvertTo-Json's own "\/Date(...)\/" loses the zone.
  TimeCreated: z.string(),
  Id: z.number().int(),
  Level: z.number().int(),
  ProviderName: psOptionalString,
  // Null when the provider's message file is missing on this machine.
  Message: psOptionalString,
});

export const windowsEventsOutput = psArray(winEvent);

/** One row per log and numeric level with its count (Group-Object's Name is "<log>|<level>"). */
export const windowsCountsOutput = psArray(z.object({ Name: z.string(), Count: z.number().int().nonnegative() }));

export function toEventEntries(output: z.output<typeof windowsEventsOutput>): EventLogEntry[] {
  const entries: EventLogEntry[] = [];
  for (const event of output) {
    const level = levelOfWindowsLevel(event.Level);
    const at = new Date(event.TimeCreated);
    if (!level || Number.isNaN(at.getTime())) continue;
    entries.push({
      id: `${event.LogName}:${event.RecordId}`.slice(0, 128),
      eventId: event.Id,
      log: event.LogName.slice(0, 256),
      level,
      source: (event.ProviderName ?? "unknown").slice(0, 256),
      message: (event.Message ?? `(no message text for event ${event.Id})`).slice(0, 32_768),
      at: at.toISOString(),
    });
  }
  // Get-WinEvent reads the logs one after the other; the dashboard wants one timeline.
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

export function toEventStats(logs: readonly string[], output: z.output<typeof windowsCountsOutput>): EventLogStats[] {
  const byLog = new Map(logs.map((log) => [log, emptyStats(log)]));
  for (const row of output) {
    const [log = "", levelText = ""] = row.Name.split("|");
    const stats = byLog.get(log);
    const level = levelOfWindowsLevel(Number(levelText));
    if (stats && level) stats[level] += row.Count;
  }
  return [...byLog.values()];
}
