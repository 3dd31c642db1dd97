/**
 * Running the OS's own tools (systemctl, journalctl, dmesg, init scripts) the one safe way: by full
 * path, with an argument array and never a shell, under a timeout and an output limit.
 */
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { errorMessage } from "../util";

export type RunOptions = {
  timeoutMs: number;
  maxBuffer?: number;
  /** The whole environment of the tool; the agent's own by default. */
  env?: Record<string, string | undefined>;
};

const exists = (path: string) => access(path).then(() => true, () => false);

/** The first of these full paths that exists, so nothing on PATH can stand in for the tool. */
export async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const candidate of paths) if (await exists(candidate)) return candidate;
  return undefined;
}

/** The tool's stdout; rejects with its first stderr line (or the spawn error) when it exits non-zero. */
export function runForOutput(file: string, args: readonly string[], { timeoutMs, maxBuffer = 16 * 1024 * 1024, env = process.env }: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer, env: env as NodeJS.ProcessEnv }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim().split("\n")[0] || errorMessage(error)));
      else resolve(stdout);
    });
  });
}

export type ExitResult = {
  /** The exit code; null when the program did not exit by itself (killed at the timeout, or it could not start). */
  code: number | null;
  timedOut: boolean;
  /** stdout then stderr, as a person running it would read them. */
  output: string;
};

/** For tools whose exit code is the answer (an init script's `status`): never rejects. */
export function runForExitCode(file: string, args: readonly string[], { timeoutMs, maxBuffer = 1024 * 1024, env = process.env }: RunOptions): Promise<ExitResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer, env: env as NodeJS.ProcessEnv }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!error) return resolve({ code: 0, timedOut: false, output });
      const code = typeof error.code === "number" ? error.code : null;
      // Killed at the timeout: no exit code and no error code (a spawn failure has ENOENT, an overflow its own code).
      resolve({ code, timedOut: error.killed === true && error.code == null, output: output || errorMessage(error) });
    });
  });
}
