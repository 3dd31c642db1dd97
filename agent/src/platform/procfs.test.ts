import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { localDataMounts, parseBootTime, parseCpuTimes, parseMeminfo, parseMounts, parseNetDev, parseOsReleaseName } from "./procfs";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("procfs parsers", () => {
  it("reads the aggregate cpu line, counting iowait as idle", () => {
    expect(parseCpuTimes(fixture("proc-stat.txt"))).toEqual({
      total: 16826 + 120 + 5836 + 102980 + 477 + 3 + 131 + 34,
      idle: 102980 + 477,
    });
    expect(() => parseCpuTimes("intr 1 2 3\n")).toThrow(/cpu line/);
  });

  it("reads the boot time", () => {
    expect(parseBootTime(fixture("proc-stat.txt"))?.toISOString()).toBe("2025-01-02T03:00:00.000Z");
    expect(parseBootTime("cpu  1 2 3\n")).toBeUndefined();
  });

  it("reads total and available memory in bytes", () => {
    expect(parseMeminfo(fixture("proc-meminfo.txt"))).toEqual({ totalBytes: 8048284 * 1024, availableBytes: 5123456 * 1024 });
  });

  it("estimates available memory on kernels without MemAvailable", () => {
    const old = "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 10 kB\nCached: 200 kB\n";
    expect(parseMeminfo(old).availableBytes).toBe(310 * 1024);
  });

  it("sums network bytes over every interface but loopback", () => {
    expect(parseNetDev(fixture("proc-net-dev.txt"))).toEqual({ rxBytes: 892146041 + 50000, txBytes: 1148263 + 20000 });
  });

  it("keeps each real disk once and unescapes mount points", () => {
    const mounts = localDataMounts(parseMounts(fixture("proc-mounts.txt")));
    expect(mounts).toEqual([
      { device: "/dev/nvme0n1p2", mount: "/", fsType: "ext4" },
      { device: "/dev/nvme0n1p1", mount: "/boot/efi", fsType: "vfat" },
      { device: "/dev/sdb1", mount: "/media/backup disk", fsType: "ext4" },
      { device: "overlay", mount: "/var/lib/docker/overlay2/abc/merged", fsType: "overlay" },
    ]);
  });

  it("reads the distribution's pretty name", () => {
    expect(parseOsReleaseName(fixture("os-release.txt"))).toBe("Debian GNU/Linux 12 (bookworm)");
    expect(parseOsReleaseName("NAME=Alpine\n")).toBeUndefined();
  });
});
