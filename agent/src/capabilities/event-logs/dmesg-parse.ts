/**
 * Pure parsers for `dmesg --json` (util-linux 2.35 and later): the kernel ring buffer, which every
 * Linux machine has, journal or not. Each record is `{ pri, time, msg }`: `pri` is the syslog
 * priority with the facility in its upper bits (0 for the kernel's own lines, others for what
 * programs wrote to /dev/kmsg) and `time` seconds since boot.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { emptyStats, levelOfPriority, type EventLevel, type EventLogEntry, type EventLogStats } from "./levels";

/** The protocol's log name for entries from the kernel ring buffer (the journal's is "journal"). */
export const KERNEL_LOG = "kernel";

const MESSAGE_LIMIT = 32_768;

const dmesgOutput = z.object({ dmesg: z.array(z.unknown()) });
const dmesgRecord = z.object({ pri: z.number().int().nonnegative(), time: z.number().nonnegative(), msg: z.string() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A ring buffer line placed in wall-clock time. */
export type KernelRecord = { id: string; priority: number; at: string; message: string };

/**
 * The records in the buffer's order (oldest first). A record without a time or priority is left
 * out rather than failing the rest. Times count from boot on the monotonic clock, which stops
 * during suspend, so after a suspend they land early (as in `dmesg -T`); nothing better is kept.
 */
export function parseDmesg(output: string, bootTime: Date): KernelRecord[] {
  if (!output.trim()) return [];
  const parsed = dmesgOutput.safeParse(parseJson(output));
  if (!parsed.success) throw new Error("unexpected dmesg --json output");
  const bootSeconds = Math.floor(bootTime.getTime() / 1000);
  const seen = new Map<string, number>();
  const records: KernelRecord[] = [];
  for (const raw of parsed.data.dmesg) {
    const record = dmesgRecord.safeParse(raw);
    if (!record.success) continue;
    const { pri, time, msg } = record.data;
    // The same line at the same instant can repeat; its occurrence keeps the ids apart and stable.
    const key = `${bootSeconds}:${time}:${msg}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    records.push({
      id: createHash("sha256").update(`${key}:${occurrence}`).digest("hex").slice(0, 32),
      priority: pri & 7,
      at: new Date(bootTime.getTime() + Math.round(time * 1000)).toISOString(),
      message: msg,
    });
  }
  return records;
}

/** The newest `limit` records at exactly `level`, newest first. */
export function kernelEntries(records: readonly KernelRecord[], level: EventLevel, limit: number): EventLogEntry[] {
  const entries: EventLogEntry[] = [];
  for (let index = records.length - 1; index >= 0 && entries.length < limit; index--) {
    const record = records[index]!;
    if (levelOfPriority(record.priority) !== level) continue;
    entries.push({ id: record.id, log: KERNEL_LOG, level, source: "kernel", message: record.message.slice(0, MESSAGE_LIMIT), at: record.at });
  }
  return entries;
}

/** Records per level since `since` (debug lines are no level, as for the journal). */
export function countKernelLevels(records: readonly KernelRecord[], since: Date): EventLogStats {
  const stats = emptyStats(KERNEL_LOG);
  const from = since.toISOString();
  for (const record of records) {
    const level = levelOfPriority(record.priority);
    if (level && record.at >= from) stats[level] += 1;
  }
  return stats;
}
