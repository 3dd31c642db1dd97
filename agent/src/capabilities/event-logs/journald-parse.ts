/**
 * Pure parsers for `journalctl -o json` (one JSON object per line). Field values are strings, except
 * MESSAGE, which journald prints as an array of bytes when it is not valid UTF-8.
 */
import { createHash } from "node:crypto";
import { emptyStats, levelOfPriority, type EventLogEntry, type EventLogStats } from "./levels";

/** The protocol's single log name for the whole journal. */
export const JOURNAL_LOG = "journal";

const MESSAGE_LIMIT = 32_768;

type RawRecord = Record<string, unknown>;

function records(text: string): RawRecord[] {
  const parsed: RawRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === "object" && !Array.isArray(value)) parsed.push(value as RawRecord);
    } catch {
      // A line cut short by the output limit or a timeout: the others still count.
    }
  }
  return parsed;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function messageOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((byte) => typeof byte === "number")) return Buffer.from(value).toString("utf8");
  return "";
}

/** What every reader of the journal needs of a record; records without a time are dropped. */
export type JournalRecord = { cursor: string; priority: number; at: string; source: string; message: string };

export function parseJournalRecords(output: string): JournalRecord[] {
  const parsed: JournalRecord[] = [];
  for (const record of records(output)) {
    const micros = Number(text(record.__REALTIME_TIMESTAMP) ?? NaN);
    if (!Number.isFinite(micros)) continue;
    const message = messageOf(record.MESSAGE);
    parsed.push({
      cursor: text(record.__CURSOR) ?? `${micros}:${message}`,
      priority: Number(text(record.PRIORITY) ?? NaN),
      at: new Date(Math.floor(micros / 1000)).toISOString(),
      source: text(record.SYSLOG_IDENTIFIER) ?? text(record._COMM) ?? text(record._SYSTEMD_UNIT) ?? (text(record._TRANSPORT) === "kernel" ? "kernel" : "unknown"),
      message,
    });
  }
  return parsed;
}

/** Entries in journalctl's order (newest first with -r); those without a usable priority are dropped. */
export function parseJournalEntries(output: string): EventLogEntry[] {
  const entries: EventLogEntry[] = [];
  for (const record of parseJournalRecords(output)) {
    const level = levelOfPriority(record.priority);
    if (!level) continue;
    // A cursor is longer than the protocol's ids; its hash is as unique and as stable.
    entries.push({
      id: createHash("sha256").update(record.cursor).digest("hex").slice(0, 32),
      log: JOURNAL_LOG,
      level,
      source: record.source.slice(0, 256),
      message: record.message.slice(0, MESSAGE_LIMIT),
      at: record.at,
    });
  }
  return entries;
}

/** Counts per level of `journalctl -o json --output-fields=PRIORITY` output. */
export function countJournalPriorities(output: string): EventLogStats {
  const stats = emptyStats(JOURNAL_LOG);
  for (const record of records(output)) {
    const level = levelOfPriority(Number(text(record.PRIORITY) ?? NaN));
    if (level) stats[level] += 1;
  }
  return stats;
}
