/**
 * Disk figures as `df` shows them: free is what ordinary users can still write (statfs `bavail`),
 * used is every block not free to root (`blocks - bfree`), and the used share is used / (used +
 * free), so the blocks the file system keeps for root count neither as used nor as free.
 */
import type { StatsFs } from "node:fs";
import { diskUsage, type DiskInfo } from "../../../../src/protocol";
import { toPercent } from "../../util";

export type StatfsNumbers = Pick<StatsFs, "bsize" | "blocks" | "bfree" | "bavail">;

export function diskFromStatfs(mount: string, fsType: string | undefined, stats: StatfsNumbers): DiskInfo {
  return {
    mount,
    totalBytes: stats.blocks * stats.bsize,
    freeBytes: stats.bavail * stats.bsize,
    usedBytes: (stats.blocks - stats.bfree) * stats.bsize,
    ...(fsType ? { fsType } : {}),
  };
}

/** The used share across all reported disks, the single figure metrics carry. */
export function diskUsedPercent(disks: DiskInfo[]): number {
  const usages = disks.map(diskUsage);
  const used = usages.reduce((sum, usage) => sum + usage.usedBytes, 0);
  const usable = usages.reduce((sum, usage) => sum + usage.usableBytes, 0);
  return toPercent(used, usable);
}
