/**
 * Linux host inventory and load from /proc, /etc/os-release, utmp and
 * statfs: CPU from two /proc/stat samples, network from two /proc/net/dev
 * samples, memory from /proc/meminfo.
 */
import { readFile, statfs } from "node:fs/promises";
import os from "node:os";
import type { DiskInfo, SystemLoad } from "../../../../src/protocol";
import { readBytesIfPresent, readTextIfPresent } from "../../platform/files";
import { localDataMounts, parseCpuTimes, parseMeminfo, parseMounts, parseNetDev, parseOsReleaseName } from "../../platform/procfs";
import { parseUtmp, pickLoggedInUser } from "../../platform/utmp";
import { ratePerSecond, sleep, SAMPLE_WINDOW_MS, toPercent } from "../../util";
import { diskFromStatfs, diskUsedPercent } from "./disk-usage";
import type { HostDescription, SystemInfoCapability } from "./index";

async function listDisks(): Promise<DiskInfo[]> {
  const mounts = localDataMounts(parseMounts(await readFile("/proc/mounts", "utf8")));
  const disks = await Promise.all(
    mounts.map(async ({ mount, fsType }): Promise<DiskInfo | undefined> => {
      try {
        return diskFromStatfs(mount, fsType, await statfs(mount));
      } catch {
        return undefined; // unreadable mount (permissions, stale network share): not reportable
      }
    }),
  );
  return disks.filter((disk): disk is DiskInfo => disk !== undefined && disk.totalBytes > 0);
}

async function describeHost(): Promise<HostDescription> {
  const [osRelease, utmp, disks] = await Promise.all([
    readTextIfPresent("/etc/os-release"),
    readBytesIfPresent("/run/utmp"),
    listDisks(),
  ]);
  const distribution = parseOsReleaseName(osRelease ?? "") ?? "Linux";
  return {
    os: `${distribution} (kernel ${os.release()})`,
    loggedInUser: utmp ? pickLoggedInUser(parseUtmp(utmp)) : null,
    disks,
  };
}

async function readCounters() {
  const [stat, netDev] = await Promise.all([readFile("/proc/stat", "utf8"), readFile("/proc/net/dev", "utf8")]);
  return { at: performance.now(), cpu: parseCpuTimes(stat), network: parseNetDev(netDev) };
}

async function sampleLoad(): Promise<SystemLoad> {
  const before = await readCounters();
  await sleep(SAMPLE_WINDOW_MS);
  const [after, meminfo, disks] = await Promise.all([readCounters(), readFile("/proc/meminfo", "utf8"), listDisks()]);
  const memory = parseMeminfo(meminfo);
  const elapsedMs = after.at - before.at;
  const cpuTotal = after.cpu.total - before.cpu.total;
  return {
    cpuPercent: toPercent(cpuTotal - (after.cpu.idle - before.cpu.idle), cpuTotal),
    memoryPercent: toPercent(memory.totalBytes - memory.availableBytes, memory.totalBytes),
    diskPercent: diskUsedPercent(disks),
    network: {
      rxBytesPerSec: ratePerSecond(before.network.rxBytes, after.network.rxBytes, elapsedMs),
      txBytesPerSec: ratePerSecond(before.network.txBytes, after.network.txBytes, elapsedMs),
    },
  };
}

export const linuxSystemInfo: SystemInfoCapability = { describeHost, sampleLoad };
