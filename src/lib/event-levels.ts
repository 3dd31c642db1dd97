/** The event levels as the dashboard shows them: labels, badge tones, and a device's counts summed over its logs. */
import type { BadgeTone } from "@/components/badge";
import type { EventLevel, EventLogCounts } from "@/protocol/health";

export const EVENT_LEVELS: readonly EventLevel[] = ["critical", "error", "warning", "information"];

export const LEVEL_LABELS: Record<EventLevel, string> = { critical: "Critical", error: "Error", warning: "Warning", information: "Info" };

export const LEVEL_TONES: Record<EventLevel, BadgeTone> = { critical: "danger", error: "danger", warning: "warning", information: "info" };

export function countsByLevel(logs: readonly EventLogCounts[]): Record<EventLevel, number> {
  const totals = { critical: 0, error: 0, warning: 0, information: 0 };
  for (const log of logs) for (const level of EVENT_LEVELS) totals[level] += log[level];
  return totals;
}
