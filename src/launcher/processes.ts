/** Child processes of the launcher: run-to-completion steps and supervised long-running services. */
import { spawn, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";
import type { ExitInfo, SupervisedChild } from "./supervisor";

export function runToCompletion(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`))));
  });
}

/** How long a service may take to shut down after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

export type ServiceOptions = { cwd: string; env: NodeJS.ProcessEnv; args?: string[]; onStderrLine?: (line: string) => void };

/**
 * Starts a TypeScript entry with Node and tsx's loader. The IPC channel is a lifeline: when the
 * launcher dies (even by SIGKILL) it closes, and the service stops itself (see stopOnSignals).
 * Its stderr passes through the launcher line by line, so the last lines can be quoted when the
 * service keeps crashing.
 */
export function startService(entry: string, options: ServiceOptions): SupervisedChild {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...(options.args ?? [])], { cwd: options.cwd, env: options.env, stdio: ["ignore", "inherit", "pipe", "ipc"] });
  createInterface({ input: child.stderr! }).on("line", (line) => {
    process.stderr.write(`${line}\n`);
    options.onStderrLine?.(line);
  });
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    // A process that could not be spawned at all never emits "exit".
    child.once("error", () => {
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
  });
  return {
    pid: child.pid,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(timer);
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
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
 * In a service: runs `shutdown` once, on the first SIGINT or SIGTERM or when the launcher is gone.
 * Repeats are ignored instead of left to Node's default (exit at once): Ctrl-C reaches the
 * services as well as the launcher, and pressing it again must not cut their drain short. The
 * launcher kills a service that takes too long.
 */
export function stopOnSignals(shutdown: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    shutdown();
  };
  process.on("SIGINT", once);
  process.on("SIGTERM", once);
  exitWithParent(once);
}

/**
 * In a service: stop when the launcher that started us is gone (no-op when started by hand).
 * Services call this once they are up, which can be after the launcher died: `process.send`
 * stays defined after the channel closes, so that case stops at once instead of never.
 */
function exitWithParent(shutdown: () => void): void {
  // `send` exists only in a process started with an IPC channel, and stays after it closed.
  if (typeof process.send !== "function") return;
  // The launcher read our stderr; once it is gone a write fails with EPIPE, which must not turn
  // the graceful shutdown below into a crash.
  process.stderr.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  // The launcher may have died while we were still starting up (before this was called).
  if (!process.connected) shutdown();
  else process.once("disconnect", shutdown);
}
