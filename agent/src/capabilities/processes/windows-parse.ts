/**
 * The JSON the Windows process script prints, and how it becomes the
 * protocol's process list. CPU share comes from two samples of the raw
 * per-process perf counters (100 ns units of one core).
 */
import { z } from "zod";
import type { ProcessInfo } from "../../../../src/protocol";
import { psArray, psCount, psOptionalString } from "../../platform/ps-json";
import { toPercent } from "../../util";

const perfSample = z.object({
  IDProcess: z.number().int().nonnegative(),
  PercentProcessorTime: psCount,
  Timestamp_Sys100NS: psCount,
});

const win32Process = z.object({
  ProcessId: z.number().int().nonnegative(),
  ParentProcessId: z.number().int().nonnegative().nullish(),
  Name: z.string(),
  CommandLine: psOptionalString,
  WorkingSetSize: psCount.nullish(),
});

export const windowsProcessOutput = z.object({
  cores: z.number().int().positive(),
  first: psArray(perfSample),
  second: psArray(perfSample),
  processes: psArray(win32Process),
});

export type WindowsProcessOutput = z.infer<typeof windowsProcessOutput>;

const MAX_COMMAND_CHARS = 32_768;

function cpuShares({ cores, first, second }: WindowsProcessOutput): Map<number, number> {
  const before = new Map(first.map((sample) => [sample.IDProcess, sample]));
  const shares = new Map<number, number>();
  for (const sample of second) {
    const earlier = before.get(sample.IDProcess);
    if (!earlier) continue;
    const busy = sample.PercentProcessorTime - earlier.PercentProcessorTime;
    const elapsed = (sample.Timestamp_Sys100NS - earlier.Timestamp_Sys100NS) * cores;
    shares.set(sample.IDProcess, toPercent(busy, elapsed));
  }
  return shares;
}

export function toProcessList(output: WindowsProcessOutput): ProcessInfo[] {
  const shares = cpuShares(output);
  return output.processes.map((process) => ({
    pid: process.ProcessId,
    ppid: process.ParentProcessId ?? undefined,
    name: process.Name,
    cpuPercent: shares.get(process.ProcessId) ?? 0,
    memoryBytes: Math.round(process.WorkingSetSize ?? 0),
    command: process.CommandLine?.slice(0, MAX_COMMAND_CHARS),
  }));
}
