/**
 * Ends a child process together with everything it started. Linux: the child was spawned
 * `detached` (its own process group), so a signal to the group reaches its descendants. Windows:
 * taskkill by its full path with /T (the tree) and /F.
 */
import type { ChildProcess, SpawnOptions } from "node:child_process";
import path from "node:path";
import { system32 } from "./windows-paths";

export type Spawner = (file: string, args: string[], options: SpawnOptions) => ChildProcess;

export function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export function killWindowsTree(child: ChildProcess, spawner: Spawner, env: Record<string, string | undefined> = process.env): void {
  if (child.pid === undefined) return;
  spawner(path.win32.join(system32(env), "taskkill.exe"), ["/T", "/F", "/PID", String(child.pid)], { windowsHide: true, stdio: "ignore" }).on("error", () => child.kill());
}
