/**
 * The JSON the Windows system-info scripts print, and how it becomes the
 * host description and load figures. CPU busy share comes from the raw
 * `_Total` processor counter, which counts idle time (an inverse timer).
 */
import { z } from "zod";
import type { DiskInfo, SystemLoad } from "../../../../src/protocol";
import { psArray, psCount, psOptionalString } from "../../platform/ps-json";
import { ratePerSecond, toPercent } from "../../util";
import { diskUsedPercent } from "./disk-usage";
import type { HostDescription } from "./index";

const windowsDisk = z.object({
  mount: z.string().min(1),
  totalBytes: psCount.nullish(),
  freeBytes: psCount.nullish(),
  fsType: psOptionalString,
});

function toDisks(disks: z.infer<typeof windowsDisk>[]): DiskInfo[] {
  // A fixed drive without media or file system reports no size: nothing to show.
  return disks.flatMap(({ mount, totalBytes, freeBytes, fsType }) =>
    totalBytes ? [{ mount, totalBytes, freeBytes: freeBytes ?? 0, ...(fsType ? { fsType } : {}) }] : [],
  );
}

export const windowsHostOutput = z.object({
  caption: psOptionalString,
  version: psOptionalString,
  userName: psOptionalString,
  disks: psArray(windowsDisk),
});

export function toHostDescription(output: z.infer<typeof windowsHostOutput>): HostDescription {
  return {
    os: [output.caption ?? "Windows", output.version].filter(Boolean).join(" "),
    loggedInUser: output.userName ?? null,
    disks: toDisks(output.disks),
  };
}

const counters = z.object({
  idleTime: psCount,
  timestamp: psCount,
  rxBytes: psCount,
  txBytes: psCount,
});

export const windowsLoadOutput = z.object({
  first: counters,
  second: counters,
  totalMemoryKb: psCount,
  freeMemoryKb: psCount,
  disks: psArray(windowsDisk),
});

/** Counter timestamps are in 100 ns units. */
const HUNDRED_NS_PER_MS = 10_000;

export function toSystemLoad({ first, second, totalMemoryKb, freeMemoryKb, disks }: z.infer<typeof windowsLoadOutput>): SystemLoad {
  const elapsed = second.timestamp - first.timestamp;
  const idle = second.idleTime - first.idleTime;
  const elapsedMs = elapsed / HUNDRED_NS_PER_MS;
  return {
    cpuPercent: toPercent(elapsed - idle, elapsed),
    memoryPercent: toPercent(totalMemoryKb - freeMemoryKb, totalMemoryKb),
    diskPercent: diskUsedPercent(toDisks(disks)),
    network: {
      rxBytesPerSec: ratePerSecond(first.rxBytes, second.rxBytes, elapsedMs),
      txBytesPerSec: ratePerSecond(first.txBytes, second.txBytes, elapsedMs),
    },
  };
}
