/**
 * Open-file limit. Every simulated agent is one descriptor in the bench process and one in the
 * gateway process. Node already raises its soft limit to the hard one at start-up, so what matters
 * is the hard limit: when it is too low and we may raise it (root, or CAP_SYS_RESOURCE), `prlimit`
 * raises it for this very process, and the gateway child inherits it at spawn.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

async function openFileLimit(): Promise<number> {
  const limits = await readFile("/proc/self/limits", "utf8");
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  return soft === undefined || soft === "unlimited" ? Infinity : Number(soft);
}

/** Makes sure this process (and its future children) may hold `needed` descriptors. */
export async function ensureOpenFileLimit(needed: number): Promise<number> {
  const current = await openFileLimit();
  if (current >= needed) return current;
  try {
    await run("prlimit", ["--pid", String(process.pid), `--nofile=${needed}:${needed}`]);
  } catch {
    // Not permitted or no prlimit: the check below explains what to do.
  }
  const raised = await openFileLimit();
  if (raised < needed) throw new Error(`the open-file limit is ${raised} but ${needed} are needed: run \`ulimit -n ${needed}\` (as root, or within the hard limit) before \`npm run bench\``);
  return raised;
}
