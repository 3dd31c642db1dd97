/**
 * Kernel crashes in `journalctl -o json` kernel messages: a panic ("Kernel panic - not syncing"),
 * an oops ("Oops: ...") or a BUG ("BUG: kernel NULL pointer dereference"). The lines that follow
 * one (registers, call trace) are not crashes of their own, so only these headers are kept.
 */
import type { CrashRecord } from "../../../../src/protocol";
import { parseJournalRecords } from "../event-logs/journald-parse";

const KINDS: [RegExp, string][] = [
  [/Kernel panic - not syncing/, "kernel panic"],
  [/^Oops\b|\bOops: /, "oops"],
  [/^BUG: |\bkernel BUG at /, "BUG"],
];

export function kernelCrashes(output: string): CrashRecord[] {
  const crashes: CrashRecord[] = [];
  for (const record of parseJournalRecords(output)) {
    const kind = KINDS.find(([pattern]) => pattern.test(record.message))?.[1];
    if (kind) crashes.push({ at: record.at, bugcheckCode: kind, message: record.message.slice(0, 4096) });
  }
  return crashes;
}
