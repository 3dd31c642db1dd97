/**
 * Linux process list read straight from /proc: CPU share from two samples of
 * /proc/stat and /proc/<pid>/stat taken SAMPLE_WINDOW_MS apart.
 */
import { readdir, readFile } from "node:fs/promises";
import type { ProcessInfo } from "../../../../src/protocol";
import { readTextIfPresent } from "../../platform/files";
import { parseCpuTimes } from "../../platform/procfs";
import { sleep, SAMPLE_WINDOW_MS, toPercent } from "../../util";
import type { ProcessCapability } from "./index";
import { nodeKillSystem, processKiller } from "./kill";
import { hasExited, isKernelThread, parseCmdline, parsePasswd, parsePidStat, parsePidStatus, type PidStat } from "./linux-parse";

const MAX_COMMAND_CHARS = 32_768;

async function readCpuTotal(): Promise<number> {
  return parseCpuTimes(await readFile("/proc/stat", "utf8")).total;
}

/** Stats of every live process; one that exits while being read is skipped. */
async function readPidStats(): Promise<Map<number, PidStat>> {
  const pids = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry));
  const stats = await Promise.all(pids.map((pid) => readTextIfPresent(`/proc/${pid}/stat`)));
  const byPid = new Map<number, PidStat>();
  for (const text of stats) {
    if (!text) continue;
    const stat = parsePidStat(text);
    if (!isKernelThread(stat)) byPid.set(stat.pid, stat);
  }
  return byPid;
}

async function describeProcess(
  stat: PidStat,
  cpuPercent: number,
  users: Map<number, string>,
): Promise<ProcessInfo> {
  const [status, cmdline] = await Promise.all([
    readTextIfPresent(`/proc/${stat.pid}/status`),
    readTextIfPresent(`/proc/${stat.pid}/cmdline`),
  ]);
  const { uid, rssBytes } = parsePidStatus(status ?? "");
  const user = uid === undefined ? undefined : (users.get(uid) ?? String(uid));
  return {
    pid: stat.pid,
    ppid: stat.ppid,
    name: stat.name,
    user,
    cpuPercent,
    memoryBytes: rssBytes,
    command: parseCmdline(cmdline ?? "")?.slice(0, MAX_COMMAND_CHARS),
  };
}

async function list(): Promise<ProcessInfo[]> {
  const [totalBefore, before] = await Promise.all([readCpuTotal(), readPidStats()]);
  await sleep(SAMPLE_WINDOW_MS);
  const [totalAfter, after, passwd] = await Promise.all([readCpuTotal(), readPidStats(), readTextIfPresent("/etc/passwd")]);
  const users = parsePasswd(passwd ?? "");
  const elapsedTicks = totalAfter - totalBefore;
  return Promise.all(
    [...after.values()].map((stat) => {
      // A process born during the window has no earlier sample; its CPU share is unknown, so 0.
      const previous = before.get(stat.pid)?.cpuTicks ?? stat.cpuTicks;
      return describeProcess(stat, toPercent(stat.cpuTicks - previous, elapsedTicks), users);
    }),
  );
}

/** A zombie still takes signals without complaint; a pid whose stat cannot be read is left to kill(2) to judge. */
async function isZombie(pid: number): Promise<boolean> {
  const text = await readTextIfPresent(`/proc/${pid}/stat`);
  return text !== undefined && hasExited(parsePidStat(text));
}

export const linuxProcesses: ProcessCapability = { list, kill: processKiller(nodeKillSystem(isZombie)) };
