/** Child processes of the launcher: run-to-completion steps and supervised long-running services. */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export function runToCompletion(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`))));
  });
}

export type Service = { name: string; child: ChildProcess; exited: Promise<void> };

/**
 * Starts a TypeScript entry with Node and tsx's loader. The IPC channel is a lifeline: when the
 * launcher dies (even by SIGKILL) it closes, and the service stops itself (see exitWithParent).
 */
export function startService(name: string, entry: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Service {
  const child = spawn(process.execPath, ["--import", "tsx", entry], { cwd: options.cwd, env: options.env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { name, child, exited };
}

/** SIGTERM, then SIGKILL after a grace period. */
export async function stopService(service: Service, graceMs = 10_000): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const timer = setTimeout(() => service.child.kill("SIGKILL"), graceMs);
  service.child.kill("SIGTERM");
  await service.exited;
  clearTimeout(timer);
}

export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * In a service: stop when the launcher that started us is gone (no-op when started by hand).
 * Services call this once they are up, which can be after the launcher died: `process.send`
 * stays defined after the channel closes, so that case stops at once instead of never.
 */
export function exitWithParent(shutdown: () => void): void {
  if (!process.send) return;
  if (process.connected) process.once("disconnect", shutdown);
  else shutdown();
}
