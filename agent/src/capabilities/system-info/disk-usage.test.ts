import { describe, expect, it } from "vitest";
import { diskFromStatfs, diskUsedPercent } from "./disk-usage";

/**
 * statfs of an ext4 root file system with a large root reserve (bfree far above bavail), and what
 * `df -B4096 /` printed for it: 66053021 blocks, 8831581 used, 17766147 available, Use% 34.
 */
const ROOT = { bsize: 4096, blocks: 66_053_021, bfree: 57_221_444, bavail: 17_766_151 };

describe("disk usage as df shows it", () => {
  it("takes free space for users from bavail and used space from bfree", () => {
    expect(diskFromStatfs("/", "ext4", ROOT)).toEqual({
      mount: "/",
      fsType: "ext4",
      totalBytes: 66_053_021 * 4096,
      freeBytes: 17_766_151 * 4096,
      usedBytes: 8_831_577 * 4096,
    });
  });

  it("leaves the root reserve out of the used share: 33.2 %, where total - free would say 73.1 %", () => {
    expect(diskUsedPercent([diskFromStatfs("/", "ext4", ROOT)])).toBe(33.2);
  });

  it("is 100 % when users can write nothing more, though root still can", () => {
    expect(diskUsedPercent([diskFromStatfs("/", "ext4", { bsize: 4096, blocks: 1000, bfree: 50, bavail: 0 })])).toBe(100);
  });

  it("adds disks up by bytes, and takes total - free for a disk that reports no used bytes (Windows)", () => {
    const data = diskFromStatfs("/data", undefined, { bsize: 1024, blocks: 1000, bfree: 500, bavail: 500 });
    const windows = { mount: "C:", totalBytes: 2_000_000, freeBytes: 500_000 };
    expect(data).not.toHaveProperty("fsType");
    // (512 000 + 1 500 000) used of (1 024 000 + 2 000 000) usable bytes
    expect(diskUsedPercent([data, windows])).toBe(66.5);
    expect(diskUsedPercent([])).toBe(0);
  });
});
