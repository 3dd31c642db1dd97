/** Disk usage across all reported disks, the single figure metrics carry. */
import type { DiskInfo } from "../../../../src/protocol";
import { toPercent } from "../../util";

export function diskUsedPercent(disks: DiskInfo[]): number {
  const total = disks.reduce((sum, disk) => sum + disk.totalBytes, 0);
  const free = disks.reduce((sum, disk) => sum + disk.freeBytes, 0);
  return toPercent(total - free, total);
}
