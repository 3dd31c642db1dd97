/**
 * Kernel crashes in kernel messages, from the journal (`journalctl -o json`) or the ring buffer
 * (`dmesg --json`): a panic ("Kernel panic - not syncing"), an oops ("Oops: ...") or a BUG ("BUG:
 * kernel NULL pointer dereference"). The lines that follow one (registers, call trace) are not
 * crashes of their own, so only these headers are kept.
 */
import type { CrashRecord } from "../../../../src/protocol";
import { parseJournalRecords } from "../event-logs/journald-parse";

const KINDS: [RegExp, string][] = [
  [/Kernel panic - not syncing/, "kernel panic"],
  [/^Oops\b|\bOops: /, "oops"],
  [/^BUG: |\bkernel BUG at /, "BUG"],
];

/** The crash headers among kernel messages, in their order. */
export function crashesIn(messages: readonly { at: string; message: string }[]): CrashRecord[] {
  const crashes: CrashRecord[] = [];
  for (const { at, message } of messages) {
    const kind = KINDS.find(([pattern]) => pattern.test(message))?.[1];
    if (kind) crashes.push({ at, bugcheckCode: kind, message: message.slice(0, 4096) });
  }
  return crashes;
}

export function kernelCrashes(journalOutput: string): CrashRecord[] {
  return crashesIn(parseJournalRecords(journalOutput));
}
