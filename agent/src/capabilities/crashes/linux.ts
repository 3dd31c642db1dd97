/**
 * Linux crash history: kernel panics, oopses and BUGs from the journal's kernel messages of the
 * last 90 days, every boot (`-k` alone would read the current boot only, which a panic ended).
 * Without a journal the kernel ring buffer stands in, as for the event log: it holds this boot
 * only, so it shows the oopses and BUGs the machine survived, never the panic that ended an
 * earlier boot. Where neither can be read the answer is `unsupported` with both reasons.
 */
import { CommandError } from "../../command-error";
import { preferredOrFallback } from "../fallback";
import { dmesgHost, readKernelRing, type KernelRingHost } from "../event-logs/dmesg";
import { journalHost, type JournalHost } from "../event-logs/linux";
import type { CrashCapability } from "./index";
import { toSummary } from "./summary";
import { crashesIn, kernelCrashes } from "./kernel-parse";

const LOOKBACK_DAYS = 90;
/** An oops is logged as alert, a WARN_ON as warning: kernel lines at warning (4) or worse. */
const WORST_PRIORITY = 4;

const lookbackStart = (now: Date) => Math.floor(now.getTime() / 1000) - LOOKBACK_DAYS * 86_400;

/** Kernel messages at warning or worse, newest first. */
export function kernelArguments(now: Date): string[] {
  return ["-o", "json", "--no-pager", "-q", "-r", "-n", "20000", "-p", `0..${WORST_PRIORITY}`, `--since=@${lookbackStart(now)}`, "_TRANSPORT=kernel"];
}

export function journalCrashes(host: JournalHost, clock: () => Date = () => new Date()): CrashCapability {
  return {
    async summary() {
      const reason = await host.unavailable();
      if (reason) throw new CommandError("unsupported", reason);
      const now = clock();
      return toSummary(kernelCrashes(await host.journalctl(kernelArguments(now))), now);
    },
  };
}

/** The same crash headers in the ring buffer, with the journal's priority and time limits. */
export function kernelRingCrashes(host: KernelRingHost, clock: () => Date = () => new Date()): CrashCapability {
  return {
    async summary() {
      const now = clock();
      const since = new Date(lookbackStart(now) * 1000).toISOString();
      const records = (await readKernelRing(host)).filter((record) => record.priority <= WORST_PRIORITY && record.at >= since);
      return toSummary(crashesIn(records), now);
    },
  };
}

/** The journal where there is one, else the kernel ring buffer; decided per call. */
export function journalOrKernelRingCrashes(journal: JournalHost, kernelRing: KernelRingHost, clock: () => Date = () => new Date()): CrashCapability {
  const preferred = journalCrashes(journal, clock);
  const fallback = kernelRingCrashes(kernelRing, clock);
  return { summary: () => preferredOrFallback(() => journal.unavailable(), preferred.summary, fallback.summary) };
}

export const linuxCrashes = journalOrKernelRingCrashes(journalHost, dmesgHost);
