/**
 * The kernel ring buffer through `dmesg --json`, for machines without a systemd journal
 * (containers, SysV and OpenRC machines, syslog-only ones): the kernel's own lines of this boot,
 * which is less than a journal holds but real. Where the buffer is closed to the agent
 * (`kernel.dmesg_restrict` and no root) or dmesg cannot print JSON, the answer is `unsupported`.
 */
import os from "node:os";
import { readTextIfPresent } from "../../platform/files";
import { parseBootTime } from "../../platform/procfs";
import { firstExisting, runForOutput } from "../../platform/run-file";
import { CommandError } from "../../command-error";
import { errorMessage } from "../../util";
import type { EventLogCapability } from "./index";
import { countKernelLevels, kernelEntries, parseDmesg, type KernelRecord } from "./dmesg-parse";

/** What reading the ring buffer needs from the machine, injected so that its rules are tested without one. */
export type KernelRingHost = {
  /** `dmesg --json`; rejects with dmesg's first stderr line, or CommandError `unsupported` when dmesg is missing. */
  dmesgJson(): Promise<string>;
  /** When the machine booted: ring buffer times count from there. */
  bootTime(): Promise<Date>;
};

export const NO_DMESG = "dmesg is not installed, so the kernel ring buffer cannot be read either";

/** Why dmesg failed, as the answer to give: refusals and a dmesg without --json are `unsupported`, anything else `failed`. */
export function dmesgFailure(message: string): CommandError {
  if (/not permitted|permission denied/i.test(message)) {
    return new CommandError("unsupported", `the kernel ring buffer is closed to the agent (${message}); kernel.dmesg_restrict lets only root read it`);
  }
  if (/unrecognized option|invalid option|unknown option/i.test(message)) {
    return new CommandError("unsupported", `this dmesg cannot print JSON (${message}); util-linux 2.35 or later can`);
  }
  return new CommandError("failed", `could not read the kernel ring buffer: ${message}`);
}

/** Every record of the ring buffer, oldest first, in wall-clock time. */
export async function readKernelRing(host: KernelRingHost): Promise<KernelRecord[]> {
  let output: string;
  try {
    output = await host.dmesgJson();
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw dmesgFailure(errorMessage(error));
  }
  return parseDmesg(output, await host.bootTime());
}

export function dmesgEventLogs(host: KernelRingHost): EventLogCapability {
  return {
    stats: async (since) => ({ logs: [countKernelLevels(await readKernelRing(host), since)], since: since.toISOString(), collectedAt: new Date().toISOString() }),
    entries: async (level, limit) => kernelEntries(await readKernelRing(host), level, limit),
  };
}

const DMESG_PATHS = ["/usr/bin/dmesg", "/bin/dmesg"];

export const dmesgHost: KernelRingHost = {
  async dmesgJson() {
    const binary = await firstExisting(DMESG_PATHS);
    if (!binary) throw new CommandError("unsupported", NO_DMESG);
    // The buffer is a few MiB at most; its JSON is about twice that.
    return runForOutput(binary, ["--json"], { timeoutMs: 30_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: "C" } });
  },
  async bootTime() {
    // /proc/stat's btime is whole seconds and the same on every call, which keeps entry ids stable.
    const fromProc = parseBootTime((await readTextIfPresent("/proc/stat")) ?? "");
    return fromProc ?? new Date(Math.round(Date.now() / 1000 - os.uptime()) * 1000);
  },
};
