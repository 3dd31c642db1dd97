/**
 * Pure parsers for Linux's system-wide /proc and /etc text files. Reading
 * the files is left to the capabilities, so these are tested against
 * recorded samples.
 */

export interface CpuTimes {
  /** All jiffies spent by all CPUs since boot. */
  total: number;
  /** Jiffies spent idle or waiting for I/O. */
  idle: number;
}

/** The aggregate `cpu` line of /proc/stat. */
export function parseCpuTimes(procStat: string): CpuTimes {
  const line = procStat.split("\n").find((row) => row.startsWith("cpu "));
  if (!line) throw new Error("/proc/stat has no aggregate cpu line");
  // user nice system idle iowait irq softirq steal; guest time is already counted in user.
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait };
}

/** The `btime` line of /proc/stat: when the machine booted, in whole seconds since the epoch. */
export function parseBootTime(procStat: string): Date | undefined {
  const seconds = Number(/^btime\s+(\d+)\s*$/m.exec(procStat)?.[1] ?? NaN);
  return seconds > 0 ? new Date(seconds * 1000) : undefined;
}

export interface MemoryInfo {
  totalBytes: number;
  availableBytes: number;
}

export function parseMeminfo(meminfo: string): MemoryInfo {
  const kib = (key: string): number | undefined => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(meminfo);
    return match ? Number(match[1]) * 1024 : undefined;
  };
  const totalBytes = kib("MemTotal");
  if (totalBytes === undefined) throw new Error("/proc/meminfo has no MemTotal");
  // Kernels before 3.14 lack MemAvailable; free + caches is the usual estimate there.
  const availableBytes = kib("MemAvailable") ?? (kib("MemFree") ?? 0) + (kib("Buffers") ?? 0) + (kib("Cached") ?? 0);
  return { totalBytes, availableBytes };
}

export interface NetworkTotals {
  rxBytes: number;
  txBytes: number;
}

/** Sums /proc/net/dev over every interface except loopback. */
export function parseNetDev(netDev: string): NetworkTotals {
  const totals = { rxBytes: 0, txBytes: 0 };
  for (const line of netDev.split("\n").slice(2)) {
    const separator = line.indexOf(":");
    if (separator < 0 || line.slice(0, separator).trim() === "lo") continue;
    const fields = line.slice(separator + 1).trim().split(/\s+/).map(Number);
    totals.rxBytes += fields[0] ?? 0;
    totals.txBytes += fields[8] ?? 0;
  }
  return totals;
}

export interface MountEntry {
  device: string;
  mount: string;
  fsType: string;
}

/** /proc/mounts escapes space, tab, newline and backslash as octal (`\040`). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function parseMounts(mounts: string): MountEntry[] {
  return mounts
    .split("\n")
    .map((line) => line.split(" "))
    .filter((fields) => fields.length >= 3)
    .map(([device = "", mount = "", fsType = ""]) => ({
      device: unescapeMountField(device),
      mount: unescapeMountField(mount),
      fsType,
    }));
}

/** File systems that hold user data even without a /dev device behind them. */
const DEVICELESS_DATA_FS = new Set(["overlay", "zfs", "btrfs", "nfs", "nfs4", "cifs", "fuseblk"]);

/**
 * Keeps mounts that are real storage (a block device or a known data file
 * system), once per device, skipping pseudo file systems and snap images.
 */
export function localDataMounts(entries: MountEntry[]): MountEntry[] {
  const seenDevices = new Set<string>();
  return entries.filter((entry) => {
    const isData = (entry.device.startsWith("/dev/") && !entry.device.startsWith("/dev/loop")) || DEVICELESS_DATA_FS.has(entry.fsType);
    if (!isData || entry.fsType === "squashfs" || seenDevices.has(entry.device)) return false;
    seenDevices.add(entry.device);
    return true;
  });
}

/** PRETTY_NAME from /etc/os-release, unquoted. */
export function parseOsReleaseName(osRelease: string): string | undefined {
  const match = /^PRETTY_NAME=(.*)$/m.exec(osRelease);
  return match?.[1]?.trim().replace(/^(["'])(.*)\1$/, "$2") || undefined;
}
