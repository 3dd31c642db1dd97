/**
 * The systemd journal through journalctl, run with argument arrays (never a shell). Where there is
 * no journal to read (containers without journald, syslog-only machines) the kernel ring buffer
 * stands in (dmesg.ts), rather than journalctl's "No journal files were found." and an empty list;
 * where that is closed too, both commands answer `unsupported` with both reasons.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { CommandError } from "../../command-error";
import { firstExisting, runForOutput } from "../../platform/run-file";
import { preferredOrFallback } from "../fallback";
import { dmesgEventLogs, dmesgHost } from "./dmesg";
import type { EventLogCapability } from "./index";
import { countJournalPriorities, parseJournalEntries } from "./journald-parse";
import { PRIORITY_RANGE, type EventLevel } from "./levels";

/** What the capability needs from the machine, injected so that its rules are tested without a journal. */
export type JournalHost = {
  /** Why the journal cannot be read, or undefined when it can. */
  unavailable(): Promise<string | undefined>;
  /** Runs journalctl with these arguments; rejects with its first stderr line on a non-zero exit. */
  journalctl(args: string[]): Promise<string>;
};

export function entriesArguments(level: EventLevel, limit: number): string[] {
  // -r: newest first, so -n keeps the newest ones.
  return ["-o", "json", "--no-pager", "-q", "-r", "-n", String(limit), "-p", PRIORITY_RANGE[level]];
}

export function statsArguments(since: Date): string[] {
  // @<epoch seconds> is journalctl's time zone-free form; only PRIORITY is needed to count.
  return ["-o", "json", "--no-pager", "-q", "--output-fields=PRIORITY", "-p", "0..6", `--since=@${Math.floor(since.getTime() / 1000)}`];
}

export function journaldEventLogs(host: JournalHost): EventLogCapability {
  async function journalctl(args: string[]): Promise<string> {
    const reason = await host.unavailable();
    if (reason) throw new CommandError("unsupported", reason);
    return host.journalctl(args);
  }
  return {
    stats: async (since) => ({ logs: [countJournalPriorities(await journalctl(statsArguments(since)))], since: since.toISOString(), collectedAt: new Date().toISOString() }),
    entries: async (level, limit) => parseJournalEntries(await journalctl(entriesArguments(level, limit))),
  };
}

const JOURNALCTL_PATHS = ["/usr/bin/journalctl", "/bin/journalctl"];
/** Volatile and persistent journal folders; journald writes `<machine-id>/*.journal` under one of them. */
const JOURNAL_DIRECTORIES = ["/run/log/journal", "/var/log/journal"];

async function hasJournalFiles(directory: string): Promise<boolean> {
  const children = await readdir(directory, { withFileTypes: true }).catch(() => []);
  for (const child of children) {
    if (child.isFile() && child.name.endsWith(".journal")) return true;
    if (child.isDirectory() && (await hasJournalFiles(path.join(directory, child.name)))) return true;
  }
  return false;
}

export const findJournalctl = () => firstExisting(JOURNALCTL_PATHS);

export const NO_JOURNALCTL = "journalctl is not installed on this machine, so there is no systemd journal to read";
export const NO_JOURNAL = "this machine has no systemd journal (no journal files under /run/log/journal or /var/log/journal); journald is not running here";

export const journalHost: JournalHost = {
  async unavailable() {
    if (!(await findJournalctl())) return NO_JOURNALCTL;
    for (const directory of JOURNAL_DIRECTORIES) if (await hasJournalFiles(directory)) return undefined;
    return NO_JOURNAL;
  },
  async journalctl(args) {
    const binary = await findJournalctl();
    if (!binary) throw new CommandError("unsupported", NO_JOURNALCTL);
    return runForOutput(binary, args, { timeoutMs: 60_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, SYSTEMD_COLORS: "0", LC_ALL: "C" } });
  },
};

/** The journal where there is one, else the kernel ring buffer; decided per call, as journald can start or stop under the agent. */
export function journalOrKernelRing(journal: JournalHost, kernelRing: EventLogCapability): EventLogCapability {
  const preferred = journaldEventLogs(journal);
  const unavailable = () => journal.unavailable();
  return {
    stats: (since) => preferredOrFallback(unavailable, () => preferred.stats(since), () => kernelRing.stats(since)),
    entries: (level, limit) => preferredOrFallback(unavailable, () => preferred.entries(level, limit), () => kernelRing.entries(level, limit)),
  };
}

export const linuxEventLogs = journalOrKernelRing(journalHost, dmesgEventLogs(dmesgHost));
