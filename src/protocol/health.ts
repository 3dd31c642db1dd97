/**
 * System health collectors: `request-bsod` (crash history),
 * `request-event-stats` and `request-event-entries` (OS event log).
 */
import { z } from "zod";
import { identifier, isoTimestamp, shortText } from "./common";
import { defineCommand, type CommandSpec } from "./envelope";

export const crashRecord = z.object({
  at: isoTimestamp,
  bugcheckCode: shortText(32),
  parameters: z.array(shortText(32)).max(4).optional(),
  dumpFile: shortText(1024).optional(),
  /** The first lines of what the OS logged (a Linux oops or panic has no bugcheck parameters). */
  message: shortText(4096).optional(),
});

/** A crash dump file on the machine (Windows minidumps), listed whether or not an event names it. */
export const crashDump = z.object({ name: shortText(260), sizeBytes: z.number().int().nonnegative(), modifiedAt: isoTimestamp });

export type CrashRecord = z.infer<typeof crashRecord>;
export type CrashSummary = z.infer<typeof requestBsodResult>["summary"];

export const requestBsodCommand = defineCommand("request-bsod", {});

export const requestBsodResult = z.object({
  summary: z.object({
    crashes: z.array(crashRecord).max(1_000),
    lastCrashAt: isoTimestamp.nullable(),
    dumps: z.array(crashDump).max(1_000).optional(),
    collectedAt: isoTimestamp,
  }),
});

export const eventLevel = z.enum(["critical", "error", "warning", "information"]);
export type EventLevel = z.infer<typeof eventLevel>;

const eventCount = z.number().int().nonnegative();

export const requestEventStatsCommand = defineCommand("request-event-stats", {
  sinceHours: z.number().int().min(1).max(24 * 90).optional(),
});

export const requestEventStatsResult = z.object({
  logs: z
    .array(
      z.object({
        log: shortText(256),
        critical: eventCount,
        error: eventCount,
        warning: eventCount,
        information: eventCount,
      }),
    )
    .max(256),
  since: isoTimestamp,
  collectedAt: isoTimestamp,
});

export const requestEventEntriesCommand = defineCommand("request-event-entries", {
  level: eventLevel,
  log: shortText(256).optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
});

export const eventEntry = z.object({
  id: identifier,
  /** The provider's event id on Windows (7036, 1001, ...); journald has none. */
  eventId: z.number().int().optional(),
  log: shortText(256),
  level: eventLevel,
  source: shortText(256),
  message: shortText(32_768),
  at: isoTimestamp,
});

export type EventEntry = z.infer<typeof eventEntry>;
export type EventLogCounts = z.infer<typeof requestEventStatsResult>["logs"][number];

export const requestEventEntriesResult = z.object({ entries: z.array(eventEntry).max(1_000) });

export const healthCommands = {
  "request-bsod": { command: requestBsodCommand, result: requestBsodResult },
  "request-event-stats": { command: requestEventStatsCommand, result: requestEventStatsResult },
  "request-event-entries": { command: requestEventEntriesCommand, result: requestEventEntriesResult },
} satisfies Record<string, CommandSpec>;
