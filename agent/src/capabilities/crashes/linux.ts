/**
 * Linux crash history: kernel panics, oopses and BUGs from the journal's kernel messages of the
 * last 90 days, every boot (`-k` alone would read the current boot only, which a panic ended).
 * Without a journal the answer is `unsupported`, as for the event log.
 */
import { CommandError } from "../../command-error";
import { journalHost, type JournalHost } from "../event-logs/linux";
import type { CrashCapability } from "./index";
import { toSummary } from "./summary";
import { kernelCrashes } from "./kernel-parse";

const LOOKBACK_DAYS = 90;

/** Kernel messages at warning or worse (an oops is logged as alert, a WARN_ON as warning), newest first. */
export function kernelArguments(now: Date): string[] {
  const since = Math.floor(now.getTime() / 1000) - LOOKBACK_DAYS * 86_400;
  return ["-o", "json", "--no-pager", "-q", "-r", "-n", "20000", "-p", "0..4", `--since=@${since}`, "_TRANSPORT=kernel"];
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

export const linuxCrashes = journalCrashes(journalHost);
