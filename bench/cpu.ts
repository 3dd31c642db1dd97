/**
 * CPU accounting from /proc: how much each party (gateway, PostgreSQL, this process) spends per
 * command, and how busy the machine already is before we start (a shared machine skews results).
 */
import { readdir, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { Sql } from "../src/server/db/client";
import { sleep } from "./stats";

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The fields of /proc/<pid>/stat after the parenthesised command name (field 3 is index 0). */
async function statFields(pid: number): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** User + system CPU seconds of one process (utime, stime); with `reaped`, also of its exited children. */
export async function cpuSecondsOf(pid: number, options: { reaped?: boolean } = {}): Promise<number> {
  const fields = await statFields(pid);
  if (!fields) return NaN;
  const ticks = [11, 12, ...(options.reaped ? [13, 14] : [])].reduce((sum, index) => sum + Number(fields[index]), 0);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds of the PostgreSQL server behind `sql`: the postmaster, its live and its exited children. */
export async function postgresCpuSeconds(sql: Sql): Promise<number> {
  const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const postmaster = Number((await statFields(row!.pid))?.[1]);
  let total = await cpuSecondsOf(postmaster, { reaped: true });
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = await statFields(Number(entry));
    if (fields && Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  }
  return total;
}

/** This process's CPU seconds (main thread and workers). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU seconds all cores have been busy since boot, whoever used them. */
export async function machineBusySeconds(): Promise<number> {
  const [, ...numbers] = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
  const [user, nice, system, , , irq, softirq, steal] = numbers.slice(0, 8).map(Number) as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / CLOCK_TICKS_PER_SECOND;
}

/** Share of all cores busy over `ms`, whoever uses them. */
export async function machineBusyPercent(ms = 1_000): Promise<number> {
  const before = await machineBusySeconds();
  await sleep(ms);
  return (100 * ((await machineBusySeconds()) - before)) / ((ms / 1000) * availableParallelism());
}
